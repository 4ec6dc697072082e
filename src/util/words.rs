//! The words of proposals, shared by the text stage (what counts as a measure, what a
//! name or a core may start with) and the brief (a draft's items, verb first).

/// Words that open a clause without content ("主要是", "我觉得").
pub(crate) const FILLERS: [&str; 25] = [
    "就是",
    "主要是",
    "我觉得",
    "我认为",
    "个人认为",
    "个人觉得",
    "说实话",
    "总之",
    "另外",
    "还有",
    "同时",
    "其次",
    "然后",
    "而且",
    "并且",
    "总的来说",
    "一是",
    "二是",
    "三是",
    "最突出的是",
    "最主要的是",
    "最重要的是",
    "首先",
    "再就是",
    "感觉",
];

/// Words that open a proposal without saying what to do.
pub(crate) const WISHES: [&str; 14] =
    ["建议", "希望", "应该", "应当", "呼吁", "要求", "最好", "需要", "应尽快", "能否", "可以考虑", "请", "恳请", "务必"];

/// What may stand between a wish and its action ("建议把……", "希望政府加大……").
pub(crate) const ADVERBS: [&str; 12] = ["能", "要", "把", "尽快", "早日", "赶紧", "可以", "政府", "相关部门", "有关部门", "进一步", "切实"];

/// Verbs that open a measure ("加大秸秆禁烧巡查", "推动……").
pub(crate) const ACTIONS: [&str; 72] = [
    "加强", "加大", "增加", "增设", "完善", "建立", "设立", "推进", "推动", "落实", "整治", "治理", "清理", "严查", "严惩", "安装", "更新",
    "开展", "实施", "提高", "减少", "禁止", "规范", "优化", "扩大", "新建", "改造", "搬迁", "搬离", "取缔", "关停", "补贴", "定期", "严格",
    "督促", "鼓励", "引导", "推广", "公开", "降低", "设置", "提升", "扩建", "减免", "引进", "完成", "利用", "出台", "制定", "开通", "提供",
    "组织", "限制", "调整", "简化", "加快", "强化", "健全", "建设", "保护", "多建", "修复", "恢复", "控制", "管控", "查处", "处罚", "打击",
    "监测", "排查", "疏浚", "清淤",
];

/// Whether a text opens with one of [`ACTIONS`].
pub(crate) fn opens_with_action(t: &str) -> bool {
    ACTIONS.iter().any(|v| t.starts_with(v))
}
