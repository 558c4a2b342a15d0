//! Sentences and labels the program writes itself, in English and Chinese:
//! source grades and the titles of the timeline rows it derives.

use std::borrow::Cow;

use super::Lang;
use crate::data::{Change, Dataset, Event, EventIx, Grade, Origin, PartnerKind, RelationMark};

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
