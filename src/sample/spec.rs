//! The two sample questionnaires: questions, options, and the tendencies planted in
//! the answers (districts differ in satisfaction and in what worries them).

use super::phrases::{Concern, PARK as PARK_CONCERNS, RESIDENT as RESIDENT_CONCERNS};

pub(crate) const SATISFACTION: [&str; 5] = ["非常不满意", "不满意", "一般", "满意", "非常满意"];
/// The "其他" texts of a question that sets none of its own.
pub(crate) const OTHER_TEXTS: [&str; 9] = ["", "", "", "", "", "", "", "", "其他情况"];
pub(crate) const REGIONS: &[&str] = &["广东-东莞", "广东-广州", "湖北-武汉", "江苏-南京", "上海-上海", "未知"];

pub enum QKind {
    Single {
        options: &'static [&'static str],
        weights: &'static [f64],
        other: bool,
    },
    Likert,
    /// Likert, skipped (跳过) when question `question` (0-based index) got option `option`.
    LikertIf {
        question: usize,
        option: usize,
    },
    Matrix {
        rows: &'static [&'static str],
    },
    /// Each option chosen with its own probability.
    Multi {
        options: &'static [&'static str],
        weights: &'static [f64],
        other: bool,
    },
    Rating,
    Numeric {
        min: f64,
        max: f64,
    },
    Open {
        suggestion: bool,
    },
}

impl QKind {
    pub fn options(&self) -> &'static [&'static str] {
        match self {
            QKind::Single { options, .. } | QKind::Multi { options, .. } => options,
            QKind::Likert | QKind::LikertIf { .. } | QKind::Matrix { .. } => &SATISFACTION,
            _ => &[],
        }
    }
    /// The kind name ingest is expected to detect.
    pub(crate) fn kind_name(&self) -> &'static str {
        match self {
            QKind::Single { .. } => "single",
            QKind::Likert | QKind::LikertIf { .. } => "likert",
            QKind::Matrix { .. } => "matrix",
            QKind::Multi { .. } => "multi",
            QKind::Rating => "rating",
            QKind::Numeric { .. } => "numeric",
            QKind::Open { .. } => "text",
        }
    }
}

pub struct QDef {
    pub number: u32,
    pub title: &'static str,
    pub kind: QKind,
    /// This question's answer is the respondent's group (district, park).
    pub group: bool,
    /// A multi-choice option that excludes the others ("尚未采取措施").
    pub exclusive: Option<usize>,
    /// What respondents type after "其他" (an empty entry: nothing typed). Every pool has
    /// the same length, so which entry is drawn does not depend on the question.
    pub others: &'static [&'static str; 9],
}

const fn q(number: u32, title: &'static str, kind: QKind) -> QDef {
    QDef { number, title, kind, group: false, exclusive: None, others: &OTHER_TEXTS }
}

pub struct SurveySpec {
    pub file: &'static str,
    pub n: usize,
    pub salt: u64,
    pub start: (i32, u32, u32),
    pub gap_seconds: i64,
    pub questions: &'static [QDef],
    pub concerns: &'static [Concern],
    /// Mean satisfaction (1–5) per option of the group question.
    pub mood: &'static [f64],
    /// The concern each group raises more often than others.
    pub favoured: &'static [usize],
    /// Satisfaction shift per matrix row.
    pub row_shifts: &'static [f64],
}

impl SurveySpec {
    pub(crate) fn concern_weights(&self, group: usize) -> Vec<f64> {
        (0..self.concerns.len()).map(|c| if self.favoured.get(group) == Some(&c) { 3.0 } else { 1.0 }).collect()
    }
    pub(crate) fn row_shift(&self, _question: usize, row: usize, _group: usize) -> f64 {
        self.row_shifts.get(row).copied().unwrap_or(0.0)
    }
}

pub static RESIDENT: SurveySpec = SurveySpec {
    file: "市民问卷",
    n: 4112,
    salt: 0x5151,
    start: (2024, 5, 6),
    gap_seconds: 150,
    questions: &[
        q(1, "您的性别", QKind::Single { options: &["男", "女"], weights: &[0.48, 0.52], other: false }),
        q(
            2,
            "您的年龄段",
            QKind::Single {
                options: &["18岁以下", "18-29岁", "30-39岁", "40-49岁", "50-59岁", "60岁及以上"],
                weights: &[0.03, 0.22, 0.27, 0.2, 0.15, 0.13],
                other: false,
            },
        ),
        QDef {
            group: true,
            ..q(
                3,
                "您居住的区",
                QKind::Single {
                    options: &["东湖区", "西城区", "南江区", "北山区", "高新区", "滨海新区"],
                    weights: &[0.2, 0.18, 0.17, 0.15, 0.16, 0.14],
                    other: false,
                },
            )
        },
        QDef {
            others: &["", "社区志愿者", "公益组织", "自由职业", "外卖骑手", "网约车司机", "快递员", "全职家长", "灵活就业"],
            ..q(
                4,
                "您的职业/身份",
                QKind::Single {
                    options: &["企业职工", "机关事业单位人员", "个体经营者", "学生", "离退休人员", "其他"],
                    weights: &[0.38, 0.14, 0.12, 0.08, 0.2, 0.08],
                    other: true,
                },
            )
        },
        q(5, "您对本市生态环境的总体满意度", QKind::Likert),
        q(
            6,
            "您对以下方面的满意度",
            QKind::Matrix {
                rows: &["空气质量", "河湖水质", "公园绿地", "噪声控制", "垃圾分类与清运", "生态保护宣传"]
            },
        ),
        q(
            7,
            "您平均每周去公园或绿地几次",
            QKind::Single { options: &["从不", "1次", "2-3次", "4次及以上"], weights: &[0.15, 0.35, 0.32, 0.18], other: false },
        ),
        q(8, "您对常去的公园环境是否满意", QKind::LikertIf { question: 6, option: 0 }),
        QDef {
            others: &[
                "",
                "光污染",
                "宠物粪便",
                "河边钓鱼的人乱扔垃圾",
                "夜市油烟",
                "外卖包装垃圾",
                "工地夜间施工",
                "广告灯箱太亮",
                "楼下烧烤油烟",
            ],
            ..q(
                9,
                "您最关心的生态环境问题（多选）",
                QKind::Multi {
                    options: &["空气污染", "水体污染", "噪声扰民", "垃圾处理", "绿地不足", "工业污染", "其他"],
                    weights: &[0.55, 0.42, 0.33, 0.47, 0.28, 0.3, 0.04],
                    other: true,
                },
            )
        },
        q(10, "您向亲友推荐在本市居住的可能性有多大（0-10分）", QKind::Rating),
        q(11, "您认为当前本市生态环境方面存在哪些突出问题？", QKind::Open { suggestion: false }),
        q(12, "您对改善本市生态环境有哪些意见和建议？", QKind::Open { suggestion: true }),
    ],
    concerns: RESIDENT_CONCERNS,
    mood: &[3.7, 3.3, 3.0, 2.8, 3.5, 3.9],
    favoured: &[2, 3, 1, 5, 0, 4],
    row_shifts: &[-0.2, -0.4, 0.3, -0.5, -0.3, 0.4],
};

pub static PARK: SurveySpec = SurveySpec {
    file: "园区问卷",
    n: 455,
    salt: 0x7171,
    start: (2024, 5, 8),
    gap_seconds: 900,
    questions: &[
        q(1, "您的性别", QKind::Single { options: &["男", "女"], weights: &[0.58, 0.42], other: false }),
        q(
            2,
            "您的年龄段",
            QKind::Single {
                options: &["18-29岁", "30-39岁", "40-49岁", "50岁及以上"], weights: &[0.3, 0.35, 0.22, 0.13], other: false
            },
        ),
        QDef {
            group: true,
            ..q(
                3,
                "您所在的园区",
                QKind::Single {
                    options: &["高新技术产业园", "临港化工园区", "东湖物流园", "南江电子信息产业园"],
                    weights: &[0.3, 0.25, 0.2, 0.25],
                    other: false,
                },
            )
        },
        QDef {
            others: &["", "食品加工", "新材料", "生物医药", "纺织服装", "印刷包装", "建材", "汽车零部件", "冷链仓储"],
            ..q(
                4,
                "您所在企业的行业",
                QKind::Single {
                    options: &["装备制造", "化工", "电子信息", "物流仓储", "其他"],
                    weights: &[0.3, 0.2, 0.25, 0.17, 0.08],
                    other: true,
                },
            )
        },
        q(5, "您对园区绿色转型进展的总体满意度", QKind::Likert),
        q(6, "您对园区以下方面的满意度", QKind::Matrix { rows: &["废气治理", "污水处理", "固体废物管理", "绿化景观", "能源利用效率"] }),
        QDef {
            exclusive: Some(5),
            others: &[
                "",
                "照明节能改造",
                "空压机节能改造",
                "雨水收集利用",
                "电机变频改造",
                "绿色包装",
                "清洁生产审核",
                "能源管理体系认证",
                "合同能源管理",
            ],
            ..q(
                7,
                "您所在企业已采取的节能减排措施（多选）",
                QKind::Multi {
                    options: &["屋顶光伏", "余热回收", "节水改造", "新能源车辆", "固废资源化利用", "尚未采取措施", "其他"],
                    weights: &[0.35, 0.22, 0.4, 0.3, 0.33, 0.1, 0.04],
                    other: true,
                },
            )
        },
        q(8, "您所在企业年用电量约多少万千瓦时", QKind::Numeric { min: 5.0, max: 3000.0 }),
        q(9, "您认为园区在绿色发展方面存在哪些问题？", QKind::Open { suggestion: false }),
        q(10, "您对园区绿色转型有什么建议？", QKind::Open { suggestion: true }),
    ],
    concerns: PARK_CONCERNS,
    mood: &[3.6, 2.9, 3.3, 3.5],
    favoured: &[2, 1, 5, 0],
    row_shifts: &[-0.3, -0.2, -0.4, 0.2, 0.0],
};

/// A later wave of a sample survey (a year on): the same questionnaire asked of new
/// respondents, with what changed since the first wave planted — the truth a comparison
/// of the two waves is checked against. Everything not listed here is drawn from the
/// same distributions as in the first wave.
pub struct WaveSpec {
    pub base: &'static SurveySpec,
    /// The folder (under the first wave's) the wave is written to.
    pub folder: &'static str,
    pub n: usize,
    pub salt: u64,
    pub start: (i32, u32, u32),
    /// Concerns raised less after a measure: (concern index, group index, share of the
    /// group's mentions that are no longer made). A respondent who raised only that
    /// concern raises another instead, so nobody stops answering.
    pub falls: &'static [(usize, usize, f64)],
    /// A concern new in this wave, added to an answer's concerns with this probability
    /// (the others' mentions are untouched).
    pub new_concern: Option<(&'static Concern, f64)>,
    /// Satisfaction raised on an item: (question index, matrix row, shift in scale points).
    pub rises: &'static [(usize, usize, f64)],
}

impl WaveSpec {
    pub(crate) fn fall(&self, concern: usize, group: usize) -> f64 {
        self.falls.iter().find(|f| f.0 == concern && f.1 == group).map_or(0.0, |f| f.2)
    }
    pub(crate) fn rise(&self, question: usize, row: usize) -> f64 {
        self.rises.iter().filter(|r| r.0 == question && r.1 == row).map(|r| r.2).sum()
    }
}

/// The folder of the second waves, under the first wave's.
pub const WAVE2_FOLDER: &str = "第二轮";

/// The residents a year later: industrial emissions (工业企业排放) raised far less in
/// 北山区 and polluted rivers (黑臭水体与河道) in 南江区 after their clean-ups;
/// restaurant fumes (餐饮油烟扰民) a new concern everywhere; satisfaction with waste
/// sorting and collection (q6 row 垃圾分类与清运) up by about half a point.
pub static RESIDENT_WAVE2: WaveSpec = WaveSpec {
    base: &RESIDENT,
    folder: WAVE2_FOLDER,
    n: 3986,
    salt: 0x5252,
    start: (2025, 5, 12),
    falls: &[(5, 3, 0.75), (1, 2, 0.75)],
    new_concern: Some((&super::phrases::FUMES, 0.15)),
    rises: &[(5, 4, 0.6)],
};

/// The parks a year later: sewage treatment and pipes (污水处理与管网) raised far less in
/// 临港化工园区 after its plant was extended; nothing else planted.
pub static PARK_WAVE2: WaveSpec = WaveSpec {
    base: &PARK,
    folder: WAVE2_FOLDER,
    n: 437,
    salt: 0x7272,
    start: (2025, 5, 14),
    falls: &[(1, 1, 0.75)],
    new_concern: None,
    rises: &[],
};

/// The second waves, in the order they are written.
pub static WAVES: [&WaveSpec; 2] = [&PARK_WAVE2, &RESIDENT_WAVE2];
