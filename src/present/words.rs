//! Every sentence the program writes itself, in English and Chinese, for
//! both faces: the names of kinds, grades and sort orders, coverage against
//! the official totals, institution figures, the titles of the timeline rows
//! it derives, and the explorer's own sentences (details, statistics, map,
//! status messages). Fixed one-word labels are [`super::Label`]s.
//!
//! Every function matches on the language (or on the language and a kind)
//! exhaustively, so a sentence cannot gain an English form without its
//! Chinese twin. The command line uses the same functions with [`Lang::En`].

use std::borrow::Cow;

use super::Lang;
use crate::data::{
    Change, Coverage, Dataset, Event, EventIx, EventKind, Grade, InstitutionKind, OfficialFigure,
    Origin, PartialDate, PartnerKind, Precision, RelationMark,
};
use crate::query::SortKey;

// ---- Kinds and orders ----

/// A partner kind as one word: "sister", "cooperative".
pub fn partner_kind(lang: Lang, kind: PartnerKind) -> &'static str {
    match (lang, kind) {
        (Lang::En, PartnerKind::Sister) => "sister",
        (Lang::En, PartnerKind::Cooperative) => "cooperative",
        (Lang::Zh, PartnerKind::Sister) => "友好城市",
        (Lang::Zh, PartnerKind::Cooperative) => "友好合作城市",
    }
}

/// A partner kind as a noun: "sister city", "cooperative city".
pub fn partner_kind_city(lang: Lang, kind: PartnerKind) -> &'static str {
    match (lang, kind) {
        (Lang::En, PartnerKind::Sister) => "sister city",
        (Lang::En, PartnerKind::Cooperative) => "cooperative city",
        (Lang::Zh, PartnerKind::Sister) => "友好城市",
        (Lang::Zh, PartnerKind::Cooperative) => "友好合作城市",
    }
}

/// "sister city No. 5" / "第5个友好城市"; without a number, the noun alone.
pub fn partner_kind_numbered(lang: Lang, kind: PartnerKind, order: Option<u32>) -> String {
    match (lang, order) {
        (Lang::En, Some(n)) => format!("{} No. {n}", partner_kind_city(lang, kind)),
        (Lang::Zh, Some(n)) => format!("第{n}个{}", partner_kind_city(lang, kind)),
        (_, None) => partner_kind_city(lang, kind).to_string(),
    }
}

/// An event kind: "agreement", "visit", ….
pub fn event_kind(lang: Lang, kind: EventKind) -> &'static str {
    match (lang, kind) {
        (Lang::En, k) => k.as_str(),
        (Lang::Zh, EventKind::Agreement) => "协议",
        (Lang::Zh, EventKind::Conference) => "会议",
        (Lang::Zh, EventKind::Visit) => "访问",
        (Lang::Zh, EventKind::Consulate) => "领事机构",
        (Lang::Zh, EventKind::Award) => "奖项",
        (Lang::Zh, EventKind::Plan) => "规划",
        (Lang::Zh, EventKind::Other) => "其他",
    }
}

/// An institution kind: "consulate", "school", ….
pub fn institution_kind(lang: Lang, kind: InstitutionKind) -> &'static str {
    match (lang, kind) {
        (Lang::En, k) => k.as_str(),
        (Lang::Zh, InstitutionKind::Consulate) => "领事机构",
        (Lang::Zh, InstitutionKind::School) => "学校",
        (Lang::Zh, InstitutionKind::Hospital) => "医院",
        (Lang::Zh, InstitutionKind::Community) => "社区",
        (Lang::Zh, InstitutionKind::Office) => "办事机构",
    }
}

/// The heading of a group of institutions of one kind.
pub fn institution_heading(lang: Lang, kind: InstitutionKind) -> &'static str {
    match (lang, kind) {
        (Lang::En, InstitutionKind::Consulate) => "Consulates general",
        (Lang::En, InstitutionKind::School) => "Schools",
        (Lang::En, InstitutionKind::Hospital) => "Hospitals",
        (Lang::En, InstitutionKind::Community) => "Communities",
        (Lang::En, InstitutionKind::Office) => "Offices",
        (Lang::Zh, InstitutionKind::Consulate) => "总领事馆",
        (Lang::Zh, InstitutionKind::School) => "学校",
        (Lang::Zh, InstitutionKind::Hospital) => "医院",
        (Lang::Zh, InstitutionKind::Community) => "国际社区",
        (Lang::Zh, InstitutionKind::Office) => "办事机构",
    }
}

/// A sort order's name: "name", "country", "established".
pub fn sort_key(lang: Lang, key: SortKey) -> &'static str {
    match (lang, key) {
        (Lang::En, SortKey::Name) => "name",
        (Lang::En, SortKey::Country) => "country",
        (Lang::En, SortKey::Established) => "established",
        (Lang::En, SortKey::Order) => "official number",
        (Lang::Zh, SortKey::Order) => "官方序号",
        (Lang::Zh, SortKey::Name) => "名称",
        (Lang::Zh, SortKey::Country) => "国家",
        (Lang::Zh, SortKey::Established) => "建立时间",
    }
}

/// What a timeline row is, as the event popup's Kind field says it.
pub fn row_kind_name(lang: Lang, e: &Event) -> &'static str {
    match (lang, e.origin, e.relations.first()) {
        (Lang::En, _, _) => row_kind(e),
        (Lang::Zh, Origin::Unidentified(_), _) => "尚未查明",
        (Lang::Zh, _, Some(m)) => match m.change {
            Change::Established => "建立",
            Change::Upgraded => "升级",
            Change::Changed => "变更",
        },
        (Lang::Zh, _, None) => event_kind(lang, e.kind),
    }
}

/// An official figure's label: the dataset's Chinese label where it has
/// one, else its English label.
pub fn figure_label(lang: Lang, f: &OfficialFigure) -> &str {
    match (lang, &f.label_zh) {
        (Lang::Zh, Some(zh)) => zh,
        _ => &f.label,
    }
}

/// A source grade as the screens and tables name it.
pub fn grade(lang: Lang, g: Grade) -> &'static str {
    match (lang, g) {
        (Lang::En, Grade::Official) => "official",
        (Lang::En, Grade::PartnerGovernment) => "partner government",
        (Lang::En, Grade::Press) => "press",
        (Lang::En, Grade::Reference) => "reference",
        (Lang::En, Grade::Mirror) => "mirror",
        (Lang::Zh, Grade::Official) => "官方",
        (Lang::Zh, Grade::PartnerGovernment) => "对方政府",
        (Lang::Zh, Grade::Press) => "媒体",
        (Lang::Zh, Grade::Reference) => "参考资料",
        (Lang::Zh, Grade::Mirror) => "转载",
    }
}

/// What a grade means, in one line each (help and README).
pub fn grade_meaning(lang: Lang, g: Grade) -> &'static str {
    match (lang, g) {
        (Lang::En, Grade::Official) => {
            "a Chinese government page (Shenyang, Liaoning, the state, its embassies)"
        }
        (Lang::En, Grade::PartnerGovernment) => {
            "the partner's own government or another foreign government body"
        }
        (Lang::En, Grade::Press) => "a news organisation",
        (Lang::En, Grade::Reference) => {
            "an encyclopaedia, a gazetteer or an organisation's own site"
        }
        (Lang::En, Grade::Mirror) => "a copy or re-post whose origin cannot be checked",
        (Lang::Zh, Grade::Official) => "中国政府网页（沈阳市、辽宁省、国家及驻外使领馆）",
        (Lang::Zh, Grade::PartnerGovernment) => "友城本身或其他外国政府机构",
        (Lang::Zh, Grade::Press) => "新闻媒体",
        (Lang::Zh, Grade::Reference) => "百科、地名库或机构自己的网站",
        (Lang::Zh, Grade::Mirror) => "来源无法核实的转载或聚合网页",
    }
}

/// The `kind` a timeline row has in JSON and CSV: the relation step it
/// stands for, `unidentified` for a placeholder, else the event's kind.
pub fn row_kind(e: &Event) -> &'static str {
    match (e.origin, e.relations.first()) {
        (Origin::Unidentified(_), _) => "unidentified",
        (_, Some(m)) => m.change.as_str(),
        (_, None) => e.kind.as_str(),
    }
}

/// A partner's name in the language, falling back to English.
pub fn partner_name(data: &Dataset, ix: usize, lang: Lang) -> &str {
    let p = &data.partners[ix];
    match (lang, &p.name_zh) {
        (Lang::Zh, Some(zh)) => zh,
        _ => &p.name,
    }
}

fn kind_noun(lang: Lang, kind: PartnerKind) -> &'static str {
    match (lang, kind) {
        (Lang::En, PartnerKind::Sister) => "sister-city",
        (Lang::En, PartnerKind::Cooperative) => "friendly-cooperation",
        (Lang::Zh, PartnerKind::Sister) => "友好城市",
        (Lang::Zh, PartnerKind::Cooperative) => "友好合作",
    }
}

fn ordinal(lang: Lang, order: Option<u32>) -> String {
    match (lang, order) {
        (Lang::En, Some(n)) => format!(" (No. {n})"),
        (Lang::Zh, Some(n)) => format!("（第{n}个）"),
        (_, None) => String::new(),
    }
}

fn relation_title(data: &Dataset, m: &RelationMark, lang: Lang) -> String {
    let name = partner_name(data, m.partner, lang);
    let n = ordinal(lang, m.order);
    match (lang, m.change) {
        (Lang::En, Change::Established) => format!(
            "{name}: {} relationship established{n}",
            kind_noun(lang, m.kind)
        ),
        (Lang::En, _) => format!(
            "{name}: relationship becomes {}{n}",
            match m.kind {
                PartnerKind::Sister => "a sister city",
                PartnerKind::Cooperative => "friendly cooperation",
            }
        ),
        (Lang::Zh, Change::Established) => match m.kind {
            PartnerKind::Sister => format!("与{name}结为友好城市{n}"),
            PartnerKind::Cooperative => format!("与{name}建立友好合作关系{n}"),
        },
        (Lang::Zh, _) => match m.kind {
            PartnerKind::Sister => format!("与{name}的关系升级为友好城市{n}"),
            PartnerKind::Cooperative => format!("与{name}的关系改为友好合作关系{n}"),
        },
    }
}

/// A row's title: the event's own, or words for a derived row.
pub fn event_title(data: &Dataset, ix: EventIx, lang: Lang) -> Cow<'_, str> {
    let e = &data.events[ix];
    match e.origin {
        Origin::Recorded => Cow::Borrowed(&e.title),
        Origin::Relation => match e.relations.first() {
            Some(m) => Cow::Owned(relation_title(data, m, lang)),
            None => Cow::Borrowed(&e.title),
        },
        Origin::Unidentified(u) => match data.unidentified.get(u) {
            Some(u) => Cow::Owned(match (lang, u.kind) {
                (Lang::En, PartnerKind::Sister) => format!(
                    "Sister city No. {}: not identified (signed between {} and {})",
                    u.order, u.after, u.before
                ),
                (Lang::En, PartnerKind::Cooperative) => format!(
                    "Cooperative city No. {}: not identified (between {} and {})",
                    u.order, u.after, u.before
                ),
                (Lang::Zh, PartnerKind::Sister) => format!(
                    "第{}个友好城市：尚未查明（签约于{}至{}之间）",
                    u.order, u.after, u.before
                ),
                (Lang::Zh, PartnerKind::Cooperative) => format!(
                    "第{}个友好合作城市：尚未查明（{}至{}之间）",
                    u.order, u.after, u.before
                ),
            }),
            None => Cow::Borrowed(&e.title),
        },
    }
}

/// A row's summary: the event's own, or words for a derived row.
pub fn event_summary(data: &Dataset, ix: EventIx, lang: Lang) -> Cow<'_, str> {
    let e = &data.events[ix];
    match e.origin {
        Origin::Recorded => Cow::Borrowed(&e.summary),
        Origin::Relation => {
            let Some(m) = e.relations.first() else {
                return Cow::Borrowed(&e.summary);
            };
            let p = &data.partners[m.partner];
            Cow::Owned(match lang {
                Lang::En => format!(
                    "From {}'s record (no separate event describes this step): {}",
                    p.name, p.summary
                ),
                Lang::Zh => format!(
                    "根据{}的友城记录（无单独的活动记载）：{}",
                    partner_name(data, m.partner, lang),
                    p.summary
                ),
            })
        }
        Origin::Unidentified(u) => match data.unidentified.get(u) {
            Some(u) => {
                let names: Vec<&str> = u
                    .candidates
                    .iter()
                    .map(|&c| partner_name(data, c, lang))
                    .collect();
                let candidates = match (lang, names.is_empty()) {
                    (_, true) => String::new(),
                    (Lang::En, false) => format!(
                        " Candidates (an inference, not a fact): {}.",
                        names.join(", ")
                    ),
                    (Lang::Zh, false) => {
                        format!("可能的城市（推测，并非事实）：{}。", names.join("、"))
                    }
                };
                Cow::Owned(format!("{}{candidates}", u.note))
            }
            None => Cow::Borrowed(&e.summary),
        },
    }
}

// ---- Coverage against the official totals ----

/// "7 of 77 cooperative cities"; the noun agrees with the larger number.
pub fn of_phrase(documented: usize, official: Option<u32>, one: &str, many: &str) -> String {
    match official {
        Some(total) => {
            let noun = if total == 1 { one } else { many };
            format!("{documented} of {total} {noun}")
        }
        None => {
            let noun = if documented == 1 { one } else { many };
            format!("{documented} {noun}")
        }
    }
}

/// "20 of 23 sister cities", or "20 sister cities" without an official count.
pub fn sister_phrase(cov: &Coverage) -> String {
    of_phrase(
        cov.sister,
        cov.official_sister,
        "sister city",
        "sister cities",
    )
}

pub fn cooperative_phrase(cov: &Coverage) -> String {
    of_phrase(
        cov.cooperative,
        cov.official_cooperative,
        "cooperative city",
        "cooperative cities",
    )
}

pub fn countries_phrase(cov: &Coverage) -> String {
    of_phrase(
        cov.countries,
        cov.official_countries,
        "country",
        "countries",
    )
}

pub fn cities_phrase(cov: &Coverage) -> String {
    of_phrase(
        cov.cities,
        cov.official_cities,
        "partner city",
        "partner cities",
    )
}

/// " (more than the official total)" when the dataset documents more than
/// an official count, else nothing.
pub fn more_than(documented: usize, official: Option<u32>, what: &str) -> String {
    match official {
        Some(total) if documented > total as usize => format!(" (more than {what})"),
        _ => String::new(),
    }
}

/// The explorer's header line: "20 of 23 sister cities · 7 of 77
/// cooperative cities · 18 of 43 countries documented (official totals …)".
pub fn coverage_line(lang: Lang, cov: &Coverage) -> String {
    let of = |n: usize, total: Option<u32>| match total {
        Some(t) => format!("{n}/{t}"),
        None => n.to_string(),
    };
    match lang {
        Lang::En => {
            let mut s = format!(
                "{} · {} · {} documented",
                sister_phrase(cov),
                cooperative_phrase(cov),
                countries_phrase(cov)
            );
            if let Some(d) = cov.as_of {
                s.push_str(&format!(" (official totals {d})"));
            }
            s
        }
        Lang::Zh => {
            let mut s = format!(
                "已收录：友好城市 {} · 友好合作城市 {} · 国家 {}",
                of(cov.sister, cov.official_sister),
                of(cov.cooperative, cov.official_cooperative),
                of(cov.countries, cov.official_countries)
            );
            if let Some(d) = cov.as_of {
                s.push_str(&format!("（官方数字 {d}）"));
            }
            s
        }
    }
}

// ---- Institutions beside their official figures ----

/// "a, b and c".
fn and_list(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// What the dataset documents of one kind of institution beside the official
/// figures, in a sentence without the kind or a final stop, e.g. "4 of 6
/// international schools documented, plus 1 outside the official count
/// (official figure of 2022-10-17)". `None` when there is nothing to say.
/// The command line, the Institutions view and the statistics view all
/// use it (in English), so they never word the same figures differently.
pub fn institution_coverage(data: &Dataset, kind: InstitutionKind) -> Option<String> {
    let cov = data.institution_coverage(kind);
    if cov.official.is_empty() && cov.documented == 0 {
        return None;
    }
    if cov.official.is_empty() {
        return Some(format!("{} documented; no official figure", cov.documented));
    }
    let label = |f: &OfficialFigure| format!("{} {}", f.count, f.label);
    let mut text = match cov.official.as_slice() {
        [f] => format!(
            "{} of {} documented{}",
            cov.counted,
            label(f),
            more_than(cov.counted, Some(f.count), "the official figure")
        ),
        // Several figures: which one a record counts toward is not recorded,
        // so a documented record cannot be set against one of them.
        figures if cov.counted == 0 => format!(
            "{} documented",
            and_list(figures.iter().map(|f| format!("0 of {}", label(f))))
        ),
        figures => format!(
            "{} documented against the official figures of {} (which one each counts toward is not recorded)",
            cov.counted,
            and_list(figures.iter().map(|f| label(f)))
        ),
    };
    let outside = cov.documented - cov.counted;
    if outside > 0 {
        text.push_str(&format!(", plus {outside} outside the official count"));
    }
    let mut dates: Vec<PartialDate> = cov.official.iter().map(|f| f.as_of).collect();
    dates.sort();
    dates.dedup();
    text.push_str(&format!(
        " (official figure{} of {})",
        if cov.official.len() == 1 { "" } else { "s" },
        and_list(dates.iter().map(ToString::to_string))
    ));
    Some(text)
}

/// The figures of an institution group's heading, longest and plainest
/// first: "0 of 1 international hospital · 0 of 9 designated foreign-affairs
/// hospitals · 1 other*" down to "0/1 · 0/9".
pub fn institution_group_figures(lang: Lang, data: &Dataset, kind: InstitutionKind) -> Vec<String> {
    let cov = data.institution_coverage(kind);
    let others = cov.documented - cov.counted;
    let other = match (lang, others) {
        (_, 0) => None,
        (Lang::En, n) => Some(format!("{n} other*")),
        (Lang::Zh, n) => Some(format!("另有 {n}*")),
    };
    // Each wording with and then without the records that are not counted.
    let with_other = |figures: Vec<String>| -> Vec<String> {
        let mut out = Vec::new();
        for f in figures {
            if let Some(o) = &other {
                out.push(format!("{f} · {o}"));
            }
            out.push(f);
        }
        out
    };
    let c = cov.counted;
    match (lang, cov.official.as_slice()) {
        (Lang::En, []) => vec![
            format!("{} documented · no official figure", cov.documented),
            format!("{} · no official figure", cov.documented),
            cov.documented.to_string(),
        ],
        (Lang::Zh, []) => vec![
            format!("已收录 {} · 无官方数字", cov.documented),
            cov.documented.to_string(),
        ],
        (Lang::En, [f]) => with_other(vec![
            format!("{c} of {} documented", f.count),
            format!("{c}/{}", f.count),
        ]),
        (Lang::Zh, [f]) => with_other(vec![
            format!("已收录 {c}/{}", f.count),
            format!("{c}/{}", f.count),
        ]),
        // Several official figures for one kind (an international hospital,
        // designated hospitals): one "c of n" per figure, never a sum. The
        // dataset cannot say which figure a counted record belongs to, so
        // per-figure counts are only given when nothing is counted.
        (Lang::En, figures) if c == 0 => {
            let first_word = |l: &str| l.split_whitespace().next().unwrap_or(l).to_string();
            let full: Vec<String> = figures
                .iter()
                .map(|f| format!("0 of {} {}", f.count, f.label))
                .collect();
            let short: Vec<String> = figures
                .iter()
                .map(|f| format!("0 of {} {}", f.count, first_word(&f.label)))
                .collect();
            let bare: Vec<String> = figures.iter().map(|f| format!("0/{}", f.count)).collect();
            with_other(vec![full.join(" · "), short.join(" · "), bare.join(" · ")])
        }
        (Lang::Zh, figures) if c == 0 => {
            let full: Vec<String> = figures
                .iter()
                .map(|f| format!("{} 0/{}", figure_label(lang, f), f.count))
                .collect();
            let bare: Vec<String> = figures.iter().map(|f| format!("0/{}", f.count)).collect();
            with_other(vec![
                full.join(" · "),
                format!("已收录 {}", bare.join("、")),
            ])
        }
        (Lang::En, figures) => {
            let official: Vec<String> = figures
                .iter()
                .map(|f| format!("{} {}", f.count, f.label))
                .collect();
            with_other(vec![
                format!("{c} documented · official: {}", official.join(", ")),
                format!("{c} documented"),
            ])
        }
        (Lang::Zh, figures) => {
            let official: Vec<String> = figures
                .iter()
                .map(|f| format!("{} {}", figure_label(lang, f), f.count))
                .collect();
            with_other(vec![
                format!("已收录 {c} · 官方：{}", official.join("，")),
                format!("已收录 {c}"),
            ])
        }
    }
}

/// The full sentence for a kind, heading included: documented records
/// beside each official figure (the Institutions view's detail).
pub fn institution_summary(lang: Lang, data: &Dataset, kind: InstitutionKind) -> String {
    let heading = institution_heading(lang, kind);
    match lang {
        Lang::En => match institution_coverage(data, kind) {
            Some(text) => format!("{heading}: {text}."),
            None => format!("{heading}: none documented; no official figure."),
        },
        Lang::Zh => {
            let cov = data.institution_coverage(kind);
            let others = cov.documented - cov.counted;
            let mut s = format!("{heading}：已收录 {}", cov.documented);
            if others > 0 {
                s.push_str(&format!("（其中 {others} 个不计入官方数字）"));
            }
            if cov.official.is_empty() {
                s.push_str("；无官方数字。");
            } else {
                let figures: Vec<String> = cov
                    .official
                    .iter()
                    .map(|f| format!("{} {}（{}）", figure_label(lang, f), f.count, f.as_of))
                    .collect();
                s.push_str(&format!("；官方数字：{}。", figures.join("，")));
            }
            s
        }
    }
}

/// A kind's figures as the statistics view lists them beside the kind.
pub fn institution_stats_line(lang: Lang, data: &Dataset, kind: InstitutionKind) -> String {
    match lang {
        Lang::En => institution_coverage(data, kind)
            .map(|text| format!("{text}."))
            .unwrap_or_default(),
        Lang::Zh => {
            let cov = data.institution_coverage(kind);
            let official: Vec<String> = cov
                .official
                .iter()
                .map(|o| format!("{} {}", figure_label(lang, o), o.count))
                .collect();
            let others = cov.documented - cov.counted;
            format!(
                "已收录 {}{}{}",
                cov.documented,
                if others > 0 {
                    format!("（{others} 个不计入）")
                } else {
                    String::new()
                },
                if official.is_empty() {
                    " · 无官方数字".to_string()
                } else {
                    format!(" · 官方：{}", official.join("，"))
                }
            )
        }
    }
}

// ---- The explorer's own sentences ----

/// The note shown instead of the screen when the terminal is too small.
pub fn too_small(lang: Lang, size: (u16, u16), needed: (u16, u16)) -> String {
    let ((w, h), (min_w, min_h)) = (size, needed);
    match lang {
        Lang::En => format!("Terminal too small ({w}x{h}; {min_w}x{min_h} needed). q quits."),
        Lang::Zh => format!("终端窗口太小（{w}x{h}，至少需要 {min_w}x{min_h}）。按 q 退出。"),
    }
}

/// The status message after `e`: "Exported 27 → shenyang-partners.csv".
pub fn exported(lang: Lang, count: usize, file: &str) -> String {
    match lang {
        Lang::En => format!("Exported {count} → {file}"),
        Lang::Zh => format!("已导出 {count} → {file}"),
    }
}

/// The status message when an export failed: the file and why.
pub fn export_failed(lang: Lang, path: &str, error: &str) -> String {
    match lang {
        Lang::En => format!("Export failed ({path}): {error}"),
        Lang::Zh => format!("导出失败 ({path}): {error}"),
    }
}

/// The status message after a link was handed to the browser.
pub fn link_opened(lang: Lang, url: &str) -> String {
    match lang {
        Lang::En => format!("Opened {url}"),
        Lang::Zh => format!("已打开 {url}"),
    }
}

/// The status message when no browser could open a link.
pub fn link_open_failed(lang: Lang, url: &str, error: &str) -> String {
    match lang {
        Lang::En => format!("Could not open {url}: {error}"),
        Lang::Zh => format!("无法打开 {url}: {error}"),
    }
}

/// The status message after a link was copied.
pub fn link_copied(lang: Lang, url: &str) -> String {
    match lang {
        Lang::En => format!("Copied {url}"),
        Lang::Zh => format!("已复制 {url}"),
    }
}

/// What a date's precision leaves out: " (year only)"; nothing for a day.
pub fn precision_note(lang: Lang, precision: Precision) -> &'static str {
    match (lang, precision) {
        (_, Precision::Day) => "",
        (Lang::En, Precision::Year) => " (year only)",
        (Lang::En, Precision::Month) => " (month only)",
        (Lang::Zh, Precision::Year) => "（仅年份）",
        (Lang::Zh, Precision::Month) => "（仅年月）",
    }
}

/// A distance in kilometres, already formatted with separators: "1,473 km".
pub fn km(lang: Lang, km: &str) -> String {
    match lang {
        Lang::En => format!("{km} km"),
        Lang::Zh => format!("{km} 公里"),
    }
}

/// "1,473 km from Shenyang".
pub fn km_from(lang: Lang, km: &str, home: &str) -> String {
    match lang {
        Lang::En => format!("{km} km from {home}"),
        Lang::Zh => format!("距{home} {km} 公里"),
    }
}

/// A partner's coordinates when it has none.
pub fn not_on_the_map(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "— (not on the map)",
        Lang::Zh => "—（地图上未标注）",
    }
}

/// The label before a location's source: "Coordinates: GeoNames 2038349 · "
/// or "Coordinates: official · ".
pub fn coordinates_source(lang: Lang, geonames: Option<u32>, grade: Grade) -> String {
    match (lang, geonames) {
        (Lang::En, Some(id)) => format!("Coordinates: GeoNames {id} · "),
        (Lang::Zh, Some(id)) => format!("坐标：GeoNames {id} · "),
        (Lang::En, None) => format!("Coordinates: {} · ", self::grade(lang, grade)),
        (Lang::Zh, None) => format!("坐标：{} · ", self::grade(lang, grade)),
    }
}

/// The map's count of listed partners it can and cannot plot.
pub fn plotted(lang: Lang, plotted: usize, listed: usize) -> String {
    let missing = listed - plotted.min(listed);
    match lang {
        Lang::En => {
            format!("{plotted} of {listed} listed partners plotted; {missing} without coordinates")
        }
        Lang::Zh => format!("已标注 {plotted}/{listed}；{missing} 个无坐标"),
    }
}

/// A row of the map's shading legend: how many countries have `range`
/// listed partners ("1", "2–4", "5+").
pub fn countries_with(lang: Lang, range: &str, countries: usize) -> String {
    match lang {
        Lang::En => {
            let noun = if countries == 1 {
                "country"
            } else {
                "countries"
            };
            format!("{range}: {countries} {noun}")
        }
        Lang::Zh => format!("{range} 个：{countries} 国"),
    }
}

/// The map's note on markers hidden behind others.
pub fn hidden_markers(lang: Lang, hidden: usize) -> String {
    match lang {
        Lang::En => {
            format!("{hidden} behind another marker at this zoom: + zooms in to separate them")
        }
        Lang::Zh => format!("{hidden} 个与其他标记重叠：按 + 放大"),
    }
}

/// The statistics view's sentences.
pub mod stats {
    use super::Lang;

    /// The coverage section's heading.
    pub fn coverage_heading(lang: Lang, as_of: &str) -> String {
        match lang {
            Lang::En => format!("Coverage: documented vs official (official totals of {as_of})"),
            Lang::Zh => format!("收录情况：已收录与官方数字（{as_of}）"),
        }
    }

    /// Row labels of the coverage section, in order: sister cities,
    /// cooperative cities, partner cities, countries.
    pub fn coverage_rows(lang: Lang) -> [&'static str; 4] {
        match lang {
            Lang::En => [
                "sister cities",
                "cooperative cities",
                "partner cities",
                "countries",
            ],
            Lang::Zh => ["友好城市", "友好合作城市", "友城总数", "国家"],
        }
    }

    /// " 20 of 23 documented" after a coverage bar.
    pub fn coverage_tail(lang: Lang, documented: usize, official: Option<u32>) -> String {
        match (lang, official) {
            (Lang::En, Some(o)) => format!(" {documented} of {o} documented"),
            (Lang::Zh, Some(o)) => format!(" 已收录 {documented}/{o}"),
            (_, None) => format!(" {documented}"),
        }
    }

    /// The legend's words for the part of a bar not documented.
    pub fn not_documented(lang: Lang) -> &'static str {
        match lang {
            Lang::En => "official, not documented",
            Lang::Zh => "官方数字中未收录",
        }
    }

    /// Column heads of the official totals: as of, sister, cooperative,
    /// cities, countries.
    pub fn totals_columns(lang: Lang) -> [&'static str; 5] {
        match lang {
            Lang::En => ["as of", "sister", "cooperative", "cities", "countries"],
            Lang::Zh => ["日期", "友好城市", "友好合作城市", "总数", "国家"],
        }
    }

    /// A country's figures after its bar, widest first.
    pub fn country_tails(lang: Lang, total: usize, sister: usize, coop: usize) -> [String; 3] {
        let (n, si, co) = (total, sister, coop);
        match lang {
            Lang::En => [
                format!(" {n} ({si} sister, {co} cooperative)"),
                format!(" {n} ({si} sister, {co} coop.)"),
                format!(" {n} ({si}+{co})"),
            ],
            Lang::Zh => [
                format!(" {n}（友好 {si}，合作 {co}）"),
                format!(" {n}（{si}+{co}）"),
                format!(" {n}"),
            ],
        }
    }

    pub fn decades_heading(lang: Lang) -> &'static str {
        match lang {
            Lang::En => "Relations by the decade they began, by current kind",
            Lang::Zh => "各年代建立的关系（按现在的类型）",
        }
    }

    /// "1990s" / "1990年代".
    pub fn decade(lang: Lang, decade: u16) -> String {
        match lang {
            Lang::En => format!("{decade}s"),
            Lang::Zh => format!("{decade}年代"),
        }
    }

    /// A decade's count and the running total after its bar.
    pub fn decade_tail(lang: Lang, total: usize, cumulative: usize) -> String {
        match lang {
            Lang::En => format!(" {total:>2} · total {cumulative}"),
            Lang::Zh => format!(" {total:>2} · 累计 {cumulative}"),
        }
    }

    /// The note under the decades: what the bars' shapes mean.
    pub fn decades_note(lang: Lang, sister_bar: char, coop_bar: char) -> String {
        match lang {
            Lang::En => format!(
                "{sister_bar} sister   {coop_bar} cooperative, as they are now: a tie upgraded \
                 later (cooperative, then sister) counts as sister in the decade it began."
            ),
            Lang::Zh => format!(
                "{sister_bar} 友好城市   {coop_bar} 友好合作城市，按现在的类型：\
                 后来升级的关系（先友好合作、后友好）按友好城市计入其开始的年代。"
            ),
        }
    }

    pub fn undated(lang: Lang, n: usize) -> String {
        match lang {
            Lang::En => format!("{n} partners have no date and are not counted here."),
            Lang::Zh => format!("{n} 个友城无日期，未计入。"),
        }
    }

    pub fn growth_heading(lang: Lang, since: u16) -> String {
        match lang {
            Lang::En => format!("Cumulative growth since {since}"),
            Lang::Zh => format!("{since} 年以来累计增长"),
        }
    }

    /// Under the sparkline: how many relations, and what one cell stands for.
    pub fn growth_summary(lang: Lang, total: usize, year: u16, per: usize) -> String {
        match lang {
            Lang::En => format!(
                "{total} relations by {year} (one cell = {per} year{})",
                if per == 1 { "" } else { "s" }
            ),
            Lang::Zh => format!("至 {year} 年共 {total} 个（每格 {per} 年）"),
        }
    }
}

/// The statistics view's "Known unknowns" section, one sentence a line:
/// unidentified numbered relations (with their candidates), unidentified
/// cooperative cities, pending relations and leads (never partners), the
/// sister count that does not add up, and the conflicts.
pub fn unknowns_lines(lang: Lang, data: &Dataset, u: &crate::stats::Unknowns) -> Vec<String> {
    let name = |id: &String| {
        data.partner_by_id(id)
            .map_or(id.clone(), |p| match (lang, &p.name_zh) {
                (Lang::Zh, Some(zh)) => zh.clone(),
                _ => p.name.clone(),
            })
    };
    let cov = data.coverage();
    let mut out = Vec::new();
    for x in &u.unidentified {
        let candidates: Vec<String> = x.candidates.iter().map(name).collect();
        out.push(match lang {
            Lang::En => format!(
                "· {} city No. {}: not identified by any source (signed between {} and {}){}",
                x.kind,
                x.order,
                x.after,
                x.before,
                if candidates.is_empty() {
                    String::new()
                } else {
                    format!("; candidates: {}", candidates.join(", "))
                }
            ),
            Lang::Zh => format!(
                "· 第 {} 号{}：无来源确认（签约于 {} 至 {} 之间）{}",
                x.order,
                if x.kind == "sister" {
                    "友好城市"
                } else {
                    "友好合作城市"
                },
                x.after,
                x.before,
                if candidates.is_empty() {
                    String::new()
                } else {
                    format!("；候选：{}", candidates.join("、"))
                }
            ),
        });
    }
    if let (Some(n), Some(official)) = (u.cooperative_unidentified, cov.official_cooperative)
        && n > 0
    {
        out.push(match lang {
            Lang::En => format!(
                "· {n} of the official {official} cooperative cities are not identified by any record"
            ),
            Lang::Zh => format!("· 官方 {official} 个友好合作城市中有 {n} 个无记录可确认"),
        });
    }
    for (items, en, zh) in [
        (
            &u.pending,
            "pending relation (not a partner)",
            "待定关系（非友城）",
        ),
        (
            &u.leads,
            "unconfirmed lead (not a partner)",
            "未确认线索（非友城）",
        ),
    ] {
        for p in items {
            let date = p.date.map(|d| format!(", {d}")).unwrap_or_default();
            out.push(match lang {
                Lang::En => format!("· {} ({}{date}): {en}, {}", p.name, p.country, p.status),
                Lang::Zh => format!("· {}（{}{date}）：{zh}", p.name, p.country),
            });
        }
    }
    if u.sister_excess > 0
        && let Some(official) = cov.official_sister
    {
        out.push(match lang {
            Lang::En => format!(
                "· {} sister cities are documented, {} more than the official {official}: at least {} of the {} classifications in doubt must be wrong",
                cov.sister, u.sister_excess, u.sister_excess, u.sister_in_doubt
            ),
            Lang::Zh => format!(
                "· 已记录 {} 个友好城市，比官方的 {official} 个多 {} 个：{} 个存疑分类中至少有 {} 个有误",
                cov.sister, u.sister_excess, u.sister_in_doubt, u.sister_excess
            ),
        });
    }
    for c in &u.conflicts {
        let names: Vec<String> = c.partners.iter().map(name).collect();
        out.push(format!("· {}: {}", names.join(", "), c.summary));
    }
    out
}

/// The statistics view's line on sources: citations per grade.
pub fn source_grades_line(lang: Lang, s: &crate::stats::SourceFigures) -> String {
    let grades: Vec<String> = s
        .by_grade
        .iter()
        .filter(|g| g.cited > 0)
        .map(|g| format!("{} {}", g.cited, g.grade.replace('-', " ")))
        .collect();
    match lang {
        Lang::En => format!(
            "{} citations on {} graded hosts: {}",
            s.cited,
            s.hosts,
            grades.join(", ")
        ),
        Lang::Zh => format!(
            "{} 处引用，{} 个已分级网站：{}",
            s.cited,
            s.hosts,
            grades.join("、")
        ),
    }
}

/// Where a record's Chinese name comes from.
pub fn name_zh_from(lang: Lang, from: crate::data::NameFrom) -> &'static str {
    use crate::data::NameFrom;
    match (lang, from) {
        (Lang::En, NameFrom::Sources) => "the sources below",
        (Lang::En, NameFrom::Gazetteer) => "GeoNames (gazetteer)",
        (Lang::Zh, NameFrom::Sources) => "下列来源",
        (Lang::Zh, NameFrom::Gazetteer) => "GeoNames（地名录）",
    }
}

/// A placeholder row: the sister city No. `order`, unidentified, signed
/// between `after` and `before`.
pub fn placeholder_row(
    lang: Lang,
    order: u32,
    after: crate::data::PartialDate,
    before: crate::data::PartialDate,
) -> String {
    match lang {
        Lang::En => format!("No. {order}: unidentified sister city ({after} – {before})"),
        Lang::Zh => format!("第 {order} 号：未确认的友好城市（{after} – {before}）"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_numbered_relation_is_named_by_its_own_kind() {
        assert_eq!(
            partner_kind_numbered(Lang::En, PartnerKind::Sister, Some(5)),
            "sister city No. 5"
        );
        assert_eq!(
            partner_kind_numbered(Lang::Zh, PartnerKind::Sister, Some(5)),
            "第5个友好城市"
        );
        // Fixed: a numbered cooperative city was called a sister city in Chinese.
        assert_eq!(
            partner_kind_numbered(Lang::Zh, PartnerKind::Cooperative, Some(3)),
            "第3个友好合作城市"
        );
        assert_eq!(
            partner_kind_numbered(Lang::Zh, PartnerKind::Cooperative, None),
            "友好合作城市"
        );
    }

    #[test]
    fn coverage_phrases_agree_in_number() {
        assert_eq!(of_phrase(7, Some(77), "city", "cities"), "7 of 77 cities");
        assert_eq!(of_phrase(0, Some(1), "city", "cities"), "0 of 1 city");
        assert_eq!(of_phrase(1, None, "city", "cities"), "1 city");
        assert_eq!(
            more_than(24, Some(23), "the official total"),
            " (more than the official total)"
        );
        assert_eq!(more_than(23, Some(23), "the official total"), "");
    }
}
