//! The explorer's own words in English and Chinese. Data (partner and country
//! names) switches language separately, through the dataset's `name_zh` and
//! the ISO country names.

/// The language of names and labels, toggled with `L`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub fn toggled(self) -> Self {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }

    /// Translates one of the explorer's English labels; unknown labels stay English.
    pub fn tr(self, en: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Zh => zh(en).unwrap_or(en),
        }
    }
}

fn zh(en: &str) -> Option<&'static str> {
    Some(match en {
        "Shenyang" => "沈阳",
        "international partnerships" => "国际友好城市",
        "Partners" => "友城",
        "Institutions" => "驻沈机构",
        "Map" => "地图",
        "Statistics" => "统计",
        "Stats" => "统计",
        "Detail" => "详情",
        "Timeline" => "大事记",
        "Help" => "帮助",
        "documented" => "已收录",
        "official" => "官方",
        "sister" => "友好城市",
        "cooperative" => "友好合作城市",
        "sister city" => "友好城市",
        "cooperative city" => "友好合作城市",
        "all" => "全部",
        "All countries" => "所有国家",
        "Country" => "国家",
        "Kind" => "类型",
        "Sort" => "排序",
        "name" => "名称",
        "country" => "国家",
        "established" => "建立时间",
        "Established" => "建立时间",
        "Order" => "序号",
        "Coordinates" => "坐标",
        "Awards" => "奖项",
        "Summary" => "概述",
        "Notes and doubts" => "说明与存疑",
        "Confidence" => "可信度",
        "Events" => "相关活动",
        "Sources" => "来源",
        "History" => "沿革",
        "Local name" => "当地名称",
        "Chinese name" => "中文名称",
        "classification in doubt" => "类别存疑",
        "No partners match" => "没有匹配的友城",
        "No events match" => "没有匹配的活动",
        "Search" => "搜索",
        "Filters cleared" => "已清除筛选",
        "Exported" => "已导出",
        "Export failed" => "导出失败",
        "Terminal too small" => "终端窗口太小",
        "Place" => "地点",
        "Date" => "日期",
        "Related partners" => "相关友城",
        "Countries" => "相关国家",
        "Other cities" => "其他城市",
        "Opened" => "设立时间",
        "District" => "所在区",
        "not counted in the official figure" => "不计入官方数字",
        "no official figure" => "无官方数字",
        "Consulates general" => "总领事馆",
        "Schools" => "学校",
        "Hospitals" => "医院",
        "Communities" => "国际社区",
        "Offices" => "办事机构",
        "Distance from Shenyang" => "距沈阳",
        "Partners by country" => "各国友城数量",
        "Relations by decade" => "各年代建立的关系",
        "Cumulative growth" => "累计增长",
        "Sister vs cooperative" => "友好城市与友好合作城市",
        "Coverage: documented vs official" => "收录情况：已收录与官方数字",
        "Official totals over time" => "历年官方数字",
        "Legend" => "图例",
        "home" => "本市",
        "selected" => "当前选择",
        "no coordinates" => "无坐标",
        "keys" => "按键",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_known_labels_and_keeps_unknown_ones() {
        assert_eq!(Lang::Zh.tr("Partners"), "友城");
        assert_eq!(Lang::En.tr("Partners"), "Partners");
        assert_eq!(Lang::Zh.tr("an unknown label"), "an unknown label");
        assert_eq!(Lang::En.toggled(), Lang::Zh);
    }
}
