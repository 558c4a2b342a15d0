//! The command line's own words in English and Chinese: table headers and
//! the summary lines under a table (which the command line writes to
//! stderr). Sentences both faces share stay in [`super::words`].

use super::{Lang, words};
use crate::data::{Coverage, PartialDate};

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
