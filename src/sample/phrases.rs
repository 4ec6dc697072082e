//! Phrase banks for the sample's open answers and the composer that turns planted
//! concerns into answers that read like real ones: varied wording, several concerns
//! in one answer, fillers, typos, full-width characters, non-answers, a phone number.

use rand::seq::IndexedRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// A planted concern: id, name, and the vocabulary people use for it. An answer about
/// it combines slots at random — a source or detail, a complaint naming the matter, an
/// effect — so what ties the answers of one concern together is the matter they name,
/// not a handful of fixed sentences; suggestions combine an opener, an action and a goal.
pub struct Concern {
    pub id: &'static str,
    pub name: &'static str,
    /// Where it comes from or what exactly is wrong ("夜间施工", "广场舞" …).
    pub sources: &'static [&'static str],
    /// Complaints naming the matter ("噪音太大" …).
    pub cores: &'static [&'static str],
    /// What it does to people ("晚上睡不着" …).
    pub effects: &'static [&'static str],
    /// What should be done ("加强噪声执法" …).
    pub actions: &'static [&'static str],
    /// What that would achieve ("减少噪音扰民" …).
    pub goals: &'static [&'static str],
}

pub const RESIDENT: &[Concern] = &[
    Concern {
        id: "air",
        name: "扬尘与空气污染",
        sources: &["工地", "{place}附近的工地", "渣土车", "道路", "汽车尾气", "秋冬烧秸秆", "早晚高峰"],
        cores: &["扬尘太大", "空气质量差", "扬尘特别严重", "空气很呛人", "雾霾天多，空气差"],
        effects: &["出门一身灰尘", "窗台一天就落一层灰尘", "PM2.5经常超标", "老人孩子咳嗽"],
        actions: &["加强工地扬尘管控", "增加道路洒水降尘", "对渣土车密闭运输加强执法", "推广新能源公交减少尾气", "加大秸秆禁烧巡查"],
        goals: &["改善空气质量", "减少扬尘", "让空气更干净"],
    },
    Concern {
        id: "water",
        name: "黑臭水体与河道",
        sources: &["{river}", "小区旁边的河道", "河边的排污口", "池塘", "雨污管网", "生活污水"],
        cores: &["河道发臭", "有黑臭水体", "河道水质变差", "污水直排河道", "河水又黑又臭"],
        effects: &["夏天味道很大", "经常看到死鱼", "水面漂着漂浮物", "长满了蓝藻"],
        actions: &["彻底整治黑臭水体", "定期给河道清淤", "完成雨污分流改造", "严查偷排污水", "落实河长制考核"],
        goals: &["改善河道水质", "还群众清水绿岸", "让河道不再发臭"],
    },
    Concern {
        id: "waste",
        name: "垃圾分类与清运",
        sources: &["小区", "{place}的垃圾中转站", "装修垃圾和大件垃圾", "垃圾桶", "定时定点投放点"],
        cores: &["垃圾分类流于形式", "垃圾清运不及时", "垃圾混装混运", "垃圾桶太少", "垃圾随意堆放"],
        effects: &["夏天臭气熏天", "经常满出来", "上班族赶不上投放时间", "很多老人不会分类"],
        actions: &["增加垃圾桶和分类收集点", "延长垃圾定时投放时间", "加强垃圾分类宣传指导", "杜绝垃圾混装混运", "设置大件垃圾临时堆放点"],
        goals: &["让垃圾分类落到实处", "保持小区干净", "做好垃圾清运"],
    },
    Concern {
        id: "noise",
        name: "噪声扰民",
        sources: &["夜间施工", "广场舞音响", "{road}上的货车和摩托车", "商铺大喇叭", "楼下烧烤店", "高架桥"],
        cores: &["噪音太大", "噪声扰民", "噪音很吵", "噪音扰民严重", "太吵了，噪音大"],
        effects: &["晚上根本睡不着", "影响休息", "半夜还在响", "孩子没法学习"],
        actions: &["严格审批夜间施工", "加强噪声执法", "划定广场舞区域和时段", "主干道加装隔音屏", "抓拍改装车炸街"],
        goals: &["减少噪音扰民", "还居民安静", "降低噪声"],
    },
    Concern {
        id: "green",
        name: "公园绿地不足",
        sources: &["家附近", "{place}一带", "新建小区", "公园", "行道树"],
        cores: &["公园绿地太少", "缺少公园和绿地", "绿化太少", "口袋公园太少", "绿地被占用"],
        effects: &["没有地方散步", "健身器材坏了没人修", "夏天没有树荫", "厕所和座椅不够"],
        actions: &["多建口袋公园和街心绿地", "更新公园健身器材和座椅", "增加公园公厕", "保护行道树", "利用边角地建小微绿地"],
        goals: &["提高绿化覆盖率", "让居民出门见绿", "增加公园绿地"],
    },
    Concern {
        id: "industry",
        name: "工业企业排放",
        sources: &["附近工厂", "{park}周边", "小作坊", "化工企业", "工厂烟囱"],
        cores: &["企业偷排废气", "工厂排放异味", "企业排放监管不严", "工厂废气刺鼻", "企业偷排废水"],
        effects: &["晚上异味特别大", "有刺鼻的化工异味", "担心影响健康", "举报了也没有用"],
        actions: &[
            "对重点企业安装排放在线监测",
            "加大对偷排企业的处罚",
            "化工企业逐步搬离居民区",
            "建立异味投诉快速响应机制",
            "对企业开展夜间突击检查",
        ],
        goals: &["管住企业排放", "消除工厂异味", "保障居民健康"],
    },
];

pub const PARK: &[Concern] = &[
    Concern {
        id: "solid",
        name: "固废危废处置",
        sources: &["危险废物", "一般工业固废", "边角料和包装废料", "危废暂存间", "危废转移审批"],
        cores: &["固废处置难", "危废处置费用高", "固废处置渠道少", "危废转运周期长", "固废资源化利用率低"],
        effects: &["很多直接填埋", "暂存间容量不足", "转移手续繁琐", "处置成本高"],
        actions: &["建设危废集中收集转运中心", "推动固废在园区内循环利用", "简化危废转移审批", "引进有资质的固废处置企业"],
        goals: &["降低固废处置成本", "提高固废资源化利用", "解决危废处置难"],
    },
    Concern {
        id: "sewage",
        name: "污水处理与管网",
        sources: &["园区污水处理厂", "厂区管网", "化工污水", "污水管网", "中小企业"],
        cores: &["污水处理负荷高", "污水管网老化", "污水出水超标", "污水管网雨污混接", "污水处理收费偏高"],
        effects: &["存在渗漏", "预处理不达标就排进管网", "出水经常超标", "污水处理费用负担重"],
        actions: &["扩建园区污水处理厂", "开展污水管网排查改造", "减免中小企业污水处理费", "加强企业污水预处理监管"],
        goals: &["提高污水处理能力", "保证污水达标排放", "降低污水处理成本"],
    },
    Concern {
        id: "energy",
        name: "能源成本与光伏",
        sources: &["用电", "屋顶光伏", "集中供热", "天然气", "峰谷电价"],
        cores: &["能源成本高", "用电成本高", "光伏并网难", "能源价格高", "能源管理粗放"],
        effects: &["用能负担重", "光伏推进很慢", "自建锅炉能耗高", "缺少能耗监测"],
        actions: &["推广屋顶分布式光伏", "简化光伏并网流程", "建设集中供热和智慧能源平台", "争取优惠绿电价格"],
        goals: &["降低能源成本", "提高清洁能源比例", "减轻企业用能负担"],
    },
    Concern {
        id: "environment",
        name: "园区绿化与环境卫生",
        sources: &["厂区", "园区内", "厂区周边", "员工休闲区"],
        cores: &["绿化少", "环境卫生差", "积尘多，卫生差", "缺少绿化"],
        effects: &["夏天热岛效应明显", "货车带泥上路", "员工没地方休息", "到处有异味"],
        actions: &["增加绿化和休闲步道", "加强冲洗保洁", "建设口袋公园"],
        goals: &["改善环境卫生", "提高绿化覆盖", "让员工有休息的地方"],
    },
    Concern {
        id: "policy",
        name: "政策补贴与审批",
        sources: &["绿色改造补贴", "环保政策", "环评审批", "节能改造", "中小企业"],
        cores: &["补贴申请流程复杂", "政策变化太快", "审批时间太长", "补贴政策到账慢", "政策指导不够"],
        effects: &["企业很难及时跟上", "融资困难", "投入大回报慢", "申报材料繁琐"],
        actions: &["简化补贴申报流程", "加快补贴资金拨付", "设立绿色转型专项贷款", "组织专家上门解读政策", "政策出台前听取企业意见"],
        goals: &["让政策补贴落地", "缩短审批时间", "给企业足够过渡期"],
    },
    Concern {
        id: "commute",
        name: "通勤交通与充电",
        sources: &["园区公交", "员工通勤", "充电桩", "园区周边道路", "上下班高峰"],
        cores: &["通勤不方便", "公交班次少", "通勤停车难", "充电不方便", "道路经常拥堵"],
        effects: &["上下班很不方便", "主要靠私家车", "电动车没处充电", "通勤时间长"],
        actions: &["增加通勤公交和定制班车", "多建充电桩和非机动车停车棚", "优化园区周边交通组织"],
        goals: &["方便员工通勤", "缩短通勤时间", "解决充电难"],
    },
];

/// The concern new in the residents' second wave (planted in `spec::RESIDENT_WAVE2`):
/// cooking fumes from restaurants, a matter the first wave never raised.
pub const FUMES: Concern = Concern {
    id: "fumes",
    name: "餐饮油烟扰民",
    sources: &["楼下饭店", "{place}的餐馆", "夜市排档", "沿街小吃店", "商住楼底商"],
    cores: &["油烟直排", "油烟味太重", "油烟呛人", "餐饮油烟扰民", "排油烟管道对着住户"],
    effects: &["不敢开窗", "晾的衣服全是油烟味", "厨房排风扇整夜响", "墙面熏得发黑"],
    actions: &["督促餐馆安装油烟净化设备", "定期检查油烟净化器清洗", "新开餐馆严格油烟排放审批", "排档集中入室经营"],
    goals: &["减少油烟扰民", "让居民能开窗通风", "管住餐饮油烟"],
};

const PLACES: &[&str] = &["我家", "小区", "学校", "菜市场", "地铁站", "东湖路", "南江大道", "滨河路", "老城区"];
const RIVERS: &[&str] = &["南江", "西河", "东湖", "护城河", "北溪"];
const ROADS: &[&str] = &["南江大道", "滨河路", "环城北路", "解放路"];
const PARKS: &[&str] = &["临港化工园", "高新园区", "北山工业区"];

pub(crate) const NON_ANSWERS: &[&str] =
    &["无", "没有", "暂无", "挺好的", "没意见", "不清楚", "同上", "……", "无。", "都挺好", "没有了", "不知道", "1"];

const OPENERS: &[&str] = &["", "", "", "我觉得", "个人认为", "主要是", "最突出的是", "感觉", "说实话，"];
const JOINERS: &[&str] = &["，", "；", "。", "。另外", "，还有", "；其次", "，同时", " ", "。还有就是"];
const CLOSERS: &[&str] = &["", "", "", "。", "！", "，希望尽快解决。", "，影响生活。", "!!", "，请相关部门重视。"];

/// Common misspellings of the kind people type on phones.
const TYPOS: &[(&str, &str)] = &[
    ("垃圾", "拉圾"),
    ("噪声", "躁声"),
    ("噪音", "燥音"),
    ("扬尘", "杨尘"),
    ("绿化", "录化"),
    ("排放", "排方"),
    ("管网", "管綱"),
    ("清运", "清云"),
];

fn fill(rng: &mut ChaCha8Rng, t: &str) -> String {
    let mut s = t.to_string();
    for (slot, bank) in [("{place}", PLACES), ("{river}", RIVERS), ("{road}", ROADS), ("{park}", PARKS)] {
        if s.contains(slot) {
            s = s.replace(slot, bank.choose(rng).unwrap_or(&""));
        }
    }
    s
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' | 'A'..='Z' | 'a'..='z' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            ',' => '，',
            _ => c,
        })
        .collect()
}

fn pick(rng: &mut ChaCha8Rng, v: &[&'static str]) -> &'static str {
    v.choose(rng).copied().unwrap_or("")
}

/// A complaint: the matter named, usually with its source, often with its effect.
fn problem_phrase(rng: &mut ChaCha8Rng, c: &Concern) -> String {
    let (source, core, effect) = (pick(rng, c.sources), pick(rng, c.cores), pick(rng, c.effects));
    // The complaint repeats the source's last two characters ("河道" … "河道发臭").
    let repeats = source.chars().rev().take(2).all(|c| core.contains(c));
    let mut s = match rng.random_range(0..10) {
        0..=4 if !repeats => format!("{source}{core}"),
        0..=4 => core.to_string(),
        5..=7 => format!("{core}，主要是{source}"),
        _ => core.to_string(),
    };
    if rng.random_bool(0.6) {
        s.push('，');
        s.push_str(effect);
    }
    s
}

/// A suggestion: an opener, one or two actions, sometimes the goal.
fn suggestion_phrase(rng: &mut ChaCha8Rng, c: &Concern) -> String {
    let opener = pick(rng, &["建议", "希望", "应该", "要", "", "尽快"]);
    let mut s = format!("{opener}{}", pick(rng, c.actions));
    if rng.random_bool(0.3) {
        let second = pick(rng, c.actions);
        if !s.ends_with(second) {
            s.push('，');
            s.push_str(second);
        }
    }
    if rng.random_bool(0.5) {
        s.push('，');
        s.push_str(pick(rng, c.goals));
    }
    s
}

/// Compose one answer raising `concerns`, problem or suggestion.
pub fn compose(rng: &mut ChaCha8Rng, concerns: &[&Concern], suggestion: bool) -> String {
    let enumerate = concerns.len() > 1 && rng.random_bool(0.15);
    let mut parts = Vec::new();
    for &c in concerns {
        let phrase = if suggestion { suggestion_phrase(rng, c) } else { problem_phrase(rng, c) };
        parts.push(fill(rng, &phrase));
    }
    let mut s = String::new();
    if enumerate {
        let style = rng.random_range(0..3);
        for (i, p) in parts.iter().enumerate() {
            match style {
                0 => s.push_str(&format!("{}.{}；", i + 1, p)),
                1 => s.push_str(&format!("{}、{}。", i + 1, p)),
                _ => s.push_str(&format!("{}{}；", ['①', '②', '③', '④'][i.min(3)], p)),
            }
        }
    } else {
        s.push_str(OPENERS.choose(rng).unwrap_or(&""));
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                s.push_str(JOINERS.choose(rng).unwrap_or(&"，"));
            }
            s.push_str(p);
        }
        s.push_str(CLOSERS.choose(rng).unwrap_or(&""));
    }
    if rng.random_bool(0.04) {
        let (a, b) = TYPOS.choose(rng).copied().unwrap_or(("", ""));
        s = s.replacen(a, b, 1);
    }
    if rng.random_bool(0.05) {
        s = full_width(&s);
    }
    if rng.random_bool(0.01) {
        let phone = format!("1{}{:09}", [3, 5, 7, 8, 9].choose(rng).unwrap_or(&3), rng.random_range(0..1_000_000_000u32));
        s.push_str(&format!("有情况可以联系我{phone}"));
    }
    s
}
