//! The explorer's own words in English and Chinese. Data (partner and country
//! names) switches language separately, through the dataset's `name_zh` and
//! the ISO country names.

pub use crate::present::Lang;

impl Lang {
    /// Translates one of the explorer's English labels; unknown labels stay English.
    pub fn tr(self, en: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Zh => zh(en).unwrap_or(en),
        }
    }

    /// Like [`Lang::tr`], for labels that come from the dataset (the
    /// official figures' labels): known ones are translated, others kept.
    pub fn tr_any(self, en: &str) -> &str {
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
        "Event" => "活动",
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
        "Provenance" => "出处",
        "History" => "沿革",
        "Local name" => "当地名称",
        "Chinese name" => "中文名称",
        "classification in doubt" => "类别存疑",
        "No partners match" => "没有匹配的友城",
        "No events match" => "没有匹配的活动",
        "No countries match" => "没有匹配的国家",
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
        // The dataset's labels of official figures.
        "foreign consulates general" => "外国驻沈总领事馆",
        "international schools" => "国际学校",
        "international hospital" => "国际医院",
        "designated foreign-affairs hospitals" => "涉外定点医院",
        "international communities" => "国际社区",
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
        // Confidence and kinds of records.
        "secondary" => "其他来源",
        "agreement" => "协议",
        "conference" => "会议",
        "visit" => "访问",
        "consulate" => "领事机构",
        "award" => "奖项",
        "plan" => "规划",
        "other" => "其他",
        "school" => "学校",
        "hospital" => "医院",
        "community" => "社区",
        "office" => "办事机构",
        // Where key bindings apply (help overlay).
        "Anywhere" => "任何时候",
        "Everywhere but text entry" => "非输入状态",
        "Moving" => "移动",
        "Partners view" => "友城视图",
        "Map view" => "地图视图",
        "Typing a search" => "输入搜索时",
        "Country picker" => "国家选择",
        "Event detail" => "活动详情",
        "Partner list" => "友城列表",
        "Partner detail" => "友城详情",
        "Institutions list" => "机构列表",
        "Detail panes and statistics" => "详情窗格与统计",
        "focus the partner's detail" => "转到友城详情",
        "detail" => "详情",
        "go to the partner's first event in the timeline" => "转到大事记中该友城的第一项活动",
        "events" => "活动",
        "open the event" => "打开活动",
        "focus the institution's detail" => "转到机构详情",
        "scroll" => "滚动",
        "next related partner (scroll when there is none to move to)" => {
            "下一个相关友城（没有可切换的友城时滚动文字）"
        }
        // Key descriptions (help overlay) and status-bar hints.
        "quit at once" => "立即退出",
        "close help" => "关闭帮助",
        "close" => "关闭",
        "scroll down" => "向下滚动",
        "scroll up" => "向上滚动",
        "page down" => "下一页",
        "page up" => "上一页",
        "top" => "顶部",
        "bottom" => "底部",
        "keep the filter and go back to moving" => "保留筛选并返回浏览",
        "keep" => "保留",
        "edit" => "编辑",
        "clear the search" => "清除搜索",
        "clear" => "清除",
        "delete a character" => "删除一个字符",
        "keep a reopened query and add to it (typing first replaces it)" => {
            "保留重新打开的查询并继续输入（直接输入则替换它）"
        }
        "delete the whole query" => "删除整个查询",
        "move down the results" => "在结果中下移",
        "move" => "移动",
        "move up the results" => "在结果中上移",
        "apply the country" => "应用所选国家",
        "apply" => "应用",
        "cancel" => "取消",
        "delete the typed text" => "删除已输入的文字",
        "next country" => "下一个国家",
        "previous country" => "上一个国家",
        "jump to the highlighted partner" => "跳转到所选友城",
        "jump" => "跳转",
        "partner" => "友城",
        "previous related partner" => "上一个相关友城",
        "scroll the text down" => "文字向下滚动",
        "scroll the text up" => "文字向上滚动",
        "quit" => "退出",
        "show this help" => "显示本帮助",
        "help" => "帮助",
        "Institutions view" => "机构视图",
        "Statistics view" => "统计视图",
        "names and labels in English / 中文" => "名称和界面切换英文 / 中文",
        "zoom in" => "放大",
        "zoom" => "缩放",
        "zoom out" => "缩小",
        "pan west" => "向西平移",
        "pan" => "平移",
        "pan east" => "向东平移",
        "pan north" => "向北平移",
        "pan south" => "向南平移",
        "whole world" => "全球",
        "world" => "全球",
        "East Asia" => "东亚",
        "Europe" => "欧洲",
        "Asia/Europe" => "东亚/欧洲",
        "next listed partner" => "下一个友城",
        "previous listed partner" => "上一个友城",
        "search the listed partners" => "搜索列出的友城",
        "search the focused list (partners or events)" => "搜索当前列表（友城或活动）",
        "search" => "搜索",
        "pick a country" => "选择国家",
        "filter: all, sister, cooperative" => "筛选：全部、友好城市、友好合作城市",
        "kind" => "类型",
        "sort: name, country, established" => "排序：名称、国家、建立时间",
        "sort" => "排序",
        "export the listed partners to CSV" => "将列出的友城导出为 CSV",
        "move down" => "下移",
        "move up" => "上移",
        "first" => "第一项",
        "last" => "最后一项",
        "focus: list → detail → timeline" => "切换焦点：列表 → 详情 → 大事记",
        "focus" => "切换",
        "focus back" => "反向切换焦点",
        "open the selection" => "打开所选项",
        "open" => "打开",
        "cancel, clear or go back (never quits)" => "取消、清除或返回（不会退出）",
        "Mouse: click selects and focuses; the wheel scrolls the pane under the pointer." => {
            "鼠标：单击选择并聚焦；滚轮滚动指针下的窗格。"
        }
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

    #[test]
    fn every_key_description_hint_and_context_is_translated() {
        for b in crate::tui::keymap::KEYMAP {
            assert!(zh(b.help).is_some(), "help text {:?}", b.help);
            if let Some(hint) = b.hint {
                assert!(zh(hint).is_some(), "hint {hint:?}");
            }
            assert!(zh(b.context.title()).is_some(), "{:?}", b.context);
        }
    }
}
