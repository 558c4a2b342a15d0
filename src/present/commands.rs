//! The command line's own words in English and Chinese: table headers and
//! the summary lines under a table (which the command line writes to
//! stderr). Sentences both faces share stay in [`super::words`].

use super::{Lang, words};
use crate::data::{
    CountryCode, Coverage, Dataset, Grade, InstitutionKind, PartialDate, PartnerKind,
};

/// `list` and `search`: id, the name in the language, the name in the
/// other language, country, kind, date.
pub fn partner_headers(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::En => ["ID", "NAME", "中文", "COUNTRY", "KIND", "ESTABLISHED"],
        Lang::Zh => ["ID", "名称", "ENGLISH", "国家", "类型", "建立"],
    }
}

/// `search`: the column of the hit's place, 1 for the best.
pub fn rank_header(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "RANK",
        Lang::Zh => "排名",
    }
}

/// `list --sort order`: the column of the official number.
pub fn order_header(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "NO.",
        Lang::Zh => "序号",
    }
}

/// `list --sort distance`: the column of the distance from Shenyang.
pub fn distance_header(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "KM",
        Lang::Zh => "公里",
    }
}

pub fn event_headers(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::En => ["DATE", "KIND", "TITLE", "PARTNERS"],
        Lang::Zh => ["日期", "类型", "标题", "伙伴城市"],
    }
}

pub fn institution_headers(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::En => ["KIND", "NAME", "COUNTRY", "OPENED", "DISTRICT"],
        Lang::Zh => ["类型", "名称", "国家", "设立", "区"],
    }
}

pub fn no_partners(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "No partners match.",
        Lang::Zh => "没有符合条件的伙伴城市。",
    }
}

pub fn no_events(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "No events match.",
        Lang::Zh => "没有符合条件的事件。",
    }
}

pub fn no_institutions(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "No institutions match.",
        Lang::Zh => "没有符合条件的机构。",
    }
}

/// "27 partners shown (? = classification in doubt)."
pub fn partners_shown(lang: Lang, n: usize, in_doubt: bool) -> String {
    match lang {
        Lang::En => format!(
            "{n} partner{} shown{}.",
            if n == 1 { "" } else { "s" },
            if in_doubt {
                " (? = classification in doubt)"
            } else {
                ""
            }
        ),
        Lang::Zh => format!(
            "显示 {n} 个伙伴城市{}。",
            if in_doubt {
                "（? = 类别存疑）"
            } else {
                ""
            }
        ),
    }
}

/// "12 events shown."
pub fn events_shown(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("{n} event{} shown.", if n == 1 { "" } else { "s" }),
        Lang::Zh => format!("显示 {n} 个事件。"),
    }
}

/// "The dataset documents 20 of 23 sister cities and 7 of 77 cooperative
/// cities (official totals of 2022-10-17)."
pub fn dataset_documents(lang: Lang, cov: &Coverage) -> String {
    let of = |n: usize, total: Option<u32>| match total {
        Some(t) => format!("{n}/{t}"),
        None => n.to_string(),
    };
    match lang {
        Lang::En => format!(
            "The dataset documents {} and {}{}.",
            words::sister_phrase(cov),
            words::cooperative_phrase(cov),
            as_of(lang, cov.as_of)
        ),
        Lang::Zh => format!(
            "数据集收录友好城市 {} 个、友好合作城市 {} 个{}。",
            of(cov.sister, cov.official_sister),
            of(cov.cooperative, cov.official_cooperative),
            as_of(lang, cov.as_of)
        ),
    }
}

fn as_of(lang: Lang, date: Option<PartialDate>) -> String {
    match (lang, date) {
        (_, None) => String::new(),
        (Lang::En, Some(d)) => format!(" (official totals of {d})"),
        (Lang::Zh, Some(d)) => format!("（官方数字 {d}）"),
    }
}

// ---- The reports of `check` and `stats` ----
//
// The English here is what `check` and `stats` always printed; the Chinese
// reuses the statistics view's words (`words::stats`, `Label`) where they
// say the same thing, and its terms (候选, 待定关系, 未确认线索) elsewhere. Prose from the dataset (a conflict's summary) is not
// translated.

/// `check`'s first line: the file and its verdict.
pub fn check_ok(lang: Lang, origin: &str) -> String {
    match lang {
        Lang::En => format!("{origin}: OK"),
        Lang::Zh => format!("{origin}：检查通过"),
    }
}

/// `check`'s partners line (indented, the label padded to one column).
pub fn check_partners(
    lang: Lang,
    total: usize,
    sister: usize,
    cooperative: usize,
    countries: usize,
) -> String {
    match lang {
        Lang::En => format!(
            "  partners      {total} ({sister} sister, {cooperative} cooperative) in {countries} countries"
        ),
        Lang::Zh => format!(
            "  伙伴城市  {total} 个（友好城市 {sister}，友好合作城市 {cooperative}），分布于 {countries} 个国家"
        ),
    }
}

/// `check`'s events line; `span` is " (1980–2025)" or empty.
pub fn check_events(
    lang: Lang,
    recorded: usize,
    derived: usize,
    span: Option<(u16, u16)>,
) -> String {
    match lang {
        Lang::En => format!(
            "  events        {recorded} recorded, {derived} derived row{}{}",
            if derived == 1 { "" } else { "s" },
            span.map(|(a, b)| format!(" ({a}–{b})")).unwrap_or_default()
        ),
        Lang::Zh => format!(
            "  事件      记录 {recorded} 条，派生 {derived} 条{}",
            span.map(|(a, b)| format!("（{a}–{b}）"))
                .unwrap_or_default()
        ),
    }
}

/// `check`'s institutions line, with the count of each kind there is.
pub fn check_institutions(
    lang: Lang,
    total: usize,
    by_kind: &[(InstitutionKind, usize)],
) -> String {
    let kinds: Vec<String> = by_kind
        .iter()
        .map(|&(k, n)| match lang {
            Lang::En => format!("{n} {}", k.as_str()),
            Lang::Zh => format!("{} {n}", words::institution_kind(lang, k)),
        })
        .collect();
    match (lang, kinds.is_empty()) {
        (Lang::En, true) => format!("  institutions  {total}"),
        (Lang::En, false) => format!("  institutions  {total} ({})", kinds.join(", ")),
        (Lang::Zh, true) => format!("  机构      {total} 个"),
        (Lang::Zh, false) => format!("  机构      {total} 个（{}）", kinds.join("，")),
    }
}

/// The heading over `check`'s coverage lines.
pub fn check_coverage_heading(lang: Lang, as_of: PartialDate) -> String {
    match lang {
        Lang::En => format!("Coverage against the official totals of {as_of}:"),
        Lang::Zh => format!("对照官方数字（{as_of}）的收录情况："),
    }
}

/// `check`'s coverage lines, in order: sister cities, cooperative cities,
/// partner cities, countries; each says when the dataset has more.
pub fn check_coverage_lines(lang: Lang, cov: &Coverage) -> [String; 4] {
    let figures = [
        (cov.sister, cov.official_sister),
        (cov.cooperative, cov.official_cooperative),
        (cov.cities, cov.official_cities),
        (cov.countries, cov.official_countries),
    ];
    match lang {
        Lang::En => {
            let phrases = [
                words::sister_phrase(cov),
                words::cooperative_phrase(cov),
                words::cities_phrase(cov),
                words::countries_phrase(cov),
            ];
            let mut i = 0;
            phrases.map(|phrase| {
                let (documented, official) = figures[i];
                i += 1;
                format!(
                    "  {phrase}{}",
                    words::more_than(documented, official, "the official total")
                )
            })
        }
        Lang::Zh => {
            let mut i = 0;
            words::stats::coverage_rows(lang).map(|label| {
                let (documented, official) = figures[i];
                i += 1;
                let more = words::more_than(documented, official, "");
                format!(
                    "  {label}：已收录 {}{}",
                    match official {
                        Some(o) => format!("{documented}/{o}"),
                        None => documented.to_string(),
                    },
                    if more.is_empty() {
                        ""
                    } else {
                        "（超过官方数字）"
                    }
                )
            })
        }
    }
}

/// When the dataset states no official totals.
pub fn no_official_totals(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "No official totals recorded; coverage cannot be stated.",
        Lang::Zh => "未记录官方数字，无法说明收录情况。",
    }
}

/// A heading of the reports: the label and a colon.
pub fn heading(lang: Lang, label: super::Label) -> String {
    match lang {
        Lang::En => format!("{}:", lang.tr(label)),
        Lang::Zh => format!("{}：", lang.tr(label)),
    }
}

/// `check`'s line for the institutions of one kind (heading included).
pub fn check_institution_line(lang: Lang, data: &Dataset, kind: InstitutionKind) -> Option<String> {
    let text = words::institution_coverage(data, kind)?;
    Some(match lang {
        Lang::En => format!("{}: {text}.", words::institution_heading(lang, kind)),
        Lang::Zh => words::institution_summary(lang, data, kind),
    })
}

pub fn does_not_add_up(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Does not add up:",
        Lang::Zh => "数字不符：",
    }
}

/// One numbered relation no source identifies: "sister city No. 7 (signed
/// between … and …; candidates: …)".
pub fn unidentified_slot(
    lang: Lang,
    kind: PartnerKind,
    order: u32,
    after: PartialDate,
    before: PartialDate,
    candidates: &[&str],
) -> String {
    match lang {
        Lang::En => {
            let candidates = if candidates.is_empty() {
                String::new()
            } else {
                format!("; candidates: {}", candidates.join(", "))
            };
            format!(
                "{} city No. {order} (signed between {after} and {before}{candidates})",
                kind.as_str()
            )
        }
        Lang::Zh => {
            let candidates = if candidates.is_empty() {
                String::new()
            } else {
                format!("；候选：{}", candidates.join("、"))
            };
            format!(
                "{}（签约于{after}至{before}之间{candidates}）",
                words::partner_kind_numbered(lang, kind, Some(order))
            )
        }
    }
}

/// The line listing the numbered relations no source identifies.
pub fn unidentified_line(lang: Lang, slots: &[String]) -> String {
    let n = slots.len();
    match lang {
        Lang::En => format!(
            "  {n} numbered relation{} not identified by any source: {}",
            if n == 1 { "" } else { "s" },
            slots.join("; ")
        ),
        Lang::Zh => format!("  {n} 个有编号的关系尚无任何来源查明：{}", slots.join("；")),
    }
}

/// "61 of the official 77 cooperative cities not identified by any record".
pub fn cooperative_unidentified(lang: Lang, n: u32, official: u32) -> String {
    match lang {
        Lang::En => format!(
            "  {n} of the official {official} cooperative cities not identified by any record"
        ),
        Lang::Zh => format!("  官方公布的 {official} 个友好合作城市中，{n} 个尚无记录对应"),
    }
}

/// A city that is not a partner: "Kursk RU, 2025-09-16".
pub fn not_partner_item(
    lang: Lang,
    name: &str,
    country: CountryCode,
    country_zh: &str,
    date: Option<PartialDate>,
) -> String {
    match lang {
        Lang::En => {
            let date = date.map(|d| format!(", {d}")).unwrap_or_default();
            format!("{name} {country}{date}")
        }
        Lang::Zh => {
            let date = date.map(|d| format!("，{d}")).unwrap_or_default();
            format!("{name}（{country_zh}{date}）")
        }
    }
}

/// The relations under way (`leads` false) or the weak leads (`leads` true).
pub fn not_partners_line(lang: Lang, leads: bool, items: &[String]) -> String {
    let n = items.len();
    let s = if n == 1 { "" } else { "s" };
    match (lang, leads) {
        (Lang::En, false) => format!(
            "  {n} pending relation{s} (not partners): {}",
            items.join("; ")
        ),
        (Lang::En, true) => format!(
            "  {n} unconfirmed lead{s} (not partners): {}",
            items.join("; ")
        ),
        (Lang::Zh, false) => format!("  {n} 个待定关系（非友城）：{}", items.join("；")),
        (Lang::Zh, true) => format!("  {n} 条未确认线索（非友城）：{}", items.join("；")),
    }
}

/// More sister cities documented than the official count.
pub fn sister_excess(
    lang: Lang,
    documented: usize,
    excess: u32,
    official: u32,
    in_doubt: usize,
) -> String {
    match lang {
        Lang::En => format!(
            "  {documented} sister cities are documented, {excess} more than the official {official}: at least {excess} of the {in_doubt} sister {} in doubt must be wrong.",
            if in_doubt == 1 {
                "classification"
            } else {
                "classifications"
            }
        ),
        Lang::Zh => format!(
            "  已收录友好城市 {documented} 个，比官方数字 {official} 多 {excess} 个：类别存疑的 {in_doubt} 个友好城市中至少有 {excess} 个有误。"
        ),
    }
}

/// A conflict: the partners it concerns, then the dataset's own summary.
pub fn conflict_line(lang: Lang, names: &[&str], summary: &str) -> String {
    match lang {
        Lang::En => format!("  {}: {summary}", names.join(", ")),
        Lang::Zh => format!("  {}：{summary}", names.join("、")),
    }
}

/// "Sources: 423 citations on 185 graded hosts: 71 official, …." from the
/// citations of each grade, best first.
pub fn source_grades(
    lang: Lang,
    cited: usize,
    hosts: usize,
    by_grade: &[(Grade, usize)],
) -> String {
    let grades: Vec<String> = by_grade
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|&(g, n)| match lang {
            Lang::En => format!("{n} {}", words::grade(lang, g)),
            Lang::Zh => format!("{} {n}", words::grade(lang, g)),
        })
        .collect();
    match lang {
        Lang::En => format!(
            "Sources: {cited} citation{} on {hosts} graded host{}: {}.",
            if cited == 1 { "" } else { "s" },
            if hosts == 1 { "" } else { "s" },
            grades.join(", ")
        ),
        Lang::Zh => format!(
            "来源：{hosts} 个已评级网站上的 {cited} 处引用：{}。",
            grades.join("，")
        ),
    }
}

/// `stats`'s first two lines.
pub fn stats_totals(lang: Lang, t: &crate::stats::Totals) -> [String; 2] {
    match lang {
        Lang::En => [
            format!(
                "Partners: {} ({} sister, {} cooperative) in {} countries; {} with coordinates.",
                t.total, t.sister, t.cooperative, t.countries, t.with_coordinates
            ),
            format!(
                "Events: {} recorded, {} derived rows. Institutions: {}.",
                t.events, t.derived_rows, t.institutions
            ),
        ],
        Lang::Zh => [
            format!(
                "伙伴城市：{} 个（友好城市 {}，友好合作城市 {}），分布于 {} 个国家；{} 个有坐标。",
                t.total, t.sister, t.cooperative, t.countries, t.with_coordinates
            ),
            format!(
                "事件：记录 {} 条，派生 {} 条。驻沈机构：{} 个。",
                t.events, t.derived_rows, t.institutions
            ),
        ],
    }
}

/// The heading over `stats`'s coverage table.
pub fn stats_coverage_heading(lang: Lang, as_of: Option<PartialDate>) -> String {
    match (lang, as_of) {
        (Lang::En, Some(d)) => {
            format!("Coverage, documented vs official (official totals of {d}):")
        }
        (Lang::En, None) => "Coverage (no official totals recorded):".into(),
        (Lang::Zh, Some(d)) => {
            format!("{}：", words::stats::coverage_heading(lang, &d.to_string()))
        }
        (Lang::Zh, None) => "收录情况（未记录官方数字）：".into(),
    }
}

/// Column heads of `stats`'s coverage table (the first is empty).
pub fn stats_coverage_columns(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::En => ["", "DOCUMENTED", "OFFICIAL"],
        Lang::Zh => ["", "已收录", "官方数字"],
    }
}

/// Column heads of `stats`'s official totals.
pub fn stats_totals_columns(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::En => ["AS OF", "SISTER", "COOPERATIVE", "CITIES", "COUNTRIES"],
        Lang::Zh => words::stats::totals_columns(lang),
    }
}

/// Column heads of `stats`'s partners by country (the second is the name).
pub fn stats_country_columns(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::En => ["COUNTRY", "", "TOTAL", "SISTER", "COOPERATIVE"],
        Lang::Zh => ["国家", "", "总数", "友好城市", "友好合作城市"],
    }
}

pub fn stats_decades_heading(lang: Lang) -> String {
    match lang {
        Lang::En => "Relations by the decade they began:".into(),
        Lang::Zh => format!("{}：", words::stats::decades_heading(lang)),
    }
}

pub fn stats_decade_columns(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::En => ["DECADE", "TOTAL", "SISTER", "COOPERATIVE", "CUMULATIVE"],
        Lang::Zh => ["年代", "总数", "友好城市", "友好合作城市", "累计"],
    }
}

/// Under the decades: how many partners have no date.
pub fn stats_undated(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("({n} partners have no date.)"),
        Lang::Zh => format!("（{}）", words::stats::undated(lang, n)),
    }
}

pub fn stats_institution_columns(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::En => ["KIND", "DOCUMENTED", "COUNTED", "OFFICIAL"],
        Lang::Zh => ["类型", "已收录", "计入官方", "官方数字"],
    }
}
