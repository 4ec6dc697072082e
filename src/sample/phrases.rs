//! Phrase banks for the sample's open answers and the composer that turns planted
//! concerns into answers that read like real ones: varied wording, several concerns
//! in one answer, fillers, typos, full-width characters, non-answers, a phone number.

use rand::seq::IndexedRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// A planted concern: id, name, and the phrasings of a problem and of a suggestion.
pub struct Concern {
    pub id: &'static str,
    pub name: &'static str,
    pub problems: &'static [&'static str],
    pub suggestions: &'static [&'static str],
}

pub const RESIDENT: &[Concern] = &[
    Concern {
        id: "air",
        name: "扬尘与空气污染",
        problems: &[
            "工地扬尘太大，出门一身灰",
            "{place}附近的工地不洒水，扬尘特别严重",
            "早晚高峰汽车尾气很呛人",
            "冬天雾霾天还是比较多",
            "空气质量时好时坏，PM2.5经常超标",
            "渣土车不盖篷布，沿路掉土起灰",
            "秋冬季节有人烧秸秆，烟味很重",
            "道路扬尘没人管，窗台一天就落一层灰",
        ],
        suggestions: &[
            "建议加强工地扬尘管控，严格落实洒水和围挡",
            "希望增加道路洒水和清扫的频次",
            "建议对渣土车加强执法，必须密闭运输",
            "多推广新能源公交车，减少尾气排放",
            "应该加大秸秆禁烧的巡查力度",
            "工地扬尘要实时监测，超标就停工整改",
        ],
    },
    Concern {
        id: "water",
        name: "黑臭水体与河道",
        problems: &[
            "{river}有黑臭水体，夏天味道很大",
            "小区旁边的河道发臭，水面漂着垃圾",
            "有生活污水直接排进河里",
            "{river}水质变差了，经常看到死鱼",
            "雨污管网没分开，一下雨污水就溢出来",
            "河边的排污口一直在冒脏水",
            "池塘长满了蓝藻，水都是绿的",
        ],
        suggestions: &[
            "建议彻底整治黑臭水体，定期给河道清淤",
            "希望尽快完成雨污分流改造",
            "加强河道日常保洁和水质监测，并公开结果",
            "严查偷排污水，对排污口溯源整治",
            "建议落实河长制考核，责任到人",
        ],
    },
    Concern {
        id: "waste",
        name: "垃圾分类与清运",
        problems: &[
            "垃圾分类只是表面功夫，最后还是混装混运",
            "小区垃圾桶太少，经常满出来",
            "垃圾清运不及时，夏天臭气熏天",
            "定时定点投放的时间太短，上班族赶不上",
            "装修垃圾和大件垃圾随意堆放",
            "垃圾分类宣传不够，很多老人不会分",
            "{place}的垃圾中转站味道太大",
        ],
        suggestions: &[
            "建议增加垃圾桶和分类收集点",
            "希望延长定时定点投放的时间",
            "加强垃圾分类宣传和入户指导",
            "杜绝混装混运，分类运输过程要公开透明",
            "建议设置装修垃圾和大件垃圾的临时堆放点",
        ],
    },
    Concern {
        id: "noise",
        name: "噪声扰民",
        problems: &[
            "夜间施工噪声扰民，晚上根本睡不着",
            "广场舞音响声音太大",
            "{road}上的货车和摩托车半夜轰鸣",
            "商铺用大喇叭招揽顾客，非常吵",
            "高架桥边没有隔音屏，噪音很大",
            "楼下烧烤店营业到凌晨，吵得睡不着",
        ],
        suggestions: &[
            "建议严格审批夜间施工，加强噪声执法",
            "希望划定广场舞的区域和时段，控制音量",
            "主干道两侧加装隔音屏",
            "对改装车炸街加强抓拍和处罚",
            "噪声投诉要有回应，处理结果要反馈",
        ],
    },
    Concern {
        id: "green",
        name: "公园绿地不足",
        problems: &[
            "家附近没有公园，口袋公园太少",
            "公园设施老旧，健身器材坏了也没人修",
            "绿地被占用改成停车场了",
            "新建小区的绿化率不够",
            "{place}一带几乎没有可以散步的绿地",
            "行道树被砍了很多，夏天没有树荫",
            "公园里厕所少，座椅也不够",
        ],
        suggestions: &[
            "建议多建口袋公园和街心绿地",
            "希望更新公园的健身器材和休息座椅",
            "增加公园公厕，完善配套设施",
            "保护好行道树，提高绿化覆盖率",
            "利用边角地建设小微绿地",
        ],
    },
    Concern {
        id: "industry",
        name: "工业企业排放",
        problems: &[
            "附近工厂晚上偷偷排废气，有刺鼻的气味",
            "{park}周边经常闻到化工异味",
            "企业排放监管不严，晚上味道特别大",
            "有小作坊偷排废水",
            "工业园区离居民区太近，担心污染影响健康",
            "烟囱冒黑烟，举报了也没有用",
        ],
        suggestions: &[
            "建议对重点企业安装在线监测并公开数据",
            "加大对偷排企业的处罚力度",
            "化工企业应该逐步搬离居民区",
            "建立异味投诉快速响应机制",
            "环保部门要定期开展夜间突击检查",
        ],
    },
];

pub const PARK: &[Concern] = &[
    Concern {
        id: "solid",
        name: "固废危废处置",
        problems: &[
            "危险废物处置费用高，转运周期长",
            "一般工业固废没有集中处置点",
            "固废资源化利用率低，很多直接填埋",
            "危废暂存间容量不足，转移审批手续繁琐",
            "边角料和包装废料的回收渠道少",
        ],
        suggestions: &[
            "建议建设园区危废集中收集转运中心",
            "希望推动固废在园区内循环利用",
            "简化危废转移审批，缩短转运周期",
            "引进有资质的固废处置企业入园",
        ],
    },
    Concern {
        id: "sewage",
        name: "污水处理与管网",
        problems: &[
            "园区污水处理厂负荷高，出水经常超标",
            "部分厂区雨污管网混接",
            "污水管网老化，存在渗漏",
            "污水处理收费偏高，中小企业负担重",
            "化工废水预处理不达标就排进管网",
        ],
        suggestions: &[
            "建议扩建园区污水处理厂，提高处理标准",
            "开展雨污管网排查和改造",
            "对中小企业的污水处理费给予减免",
            "加强企业废水预处理的监管",
        ],
    },
    Concern {
        id: "energy",
        name: "能源成本与光伏",
        problems: &[
            "用电成本高，峰谷电价差距大",
            "屋顶光伏并网手续复杂，推进很慢",
            "缺少集中供热，各企业自建锅炉能耗高",
            "能源管理粗放，缺少能耗监测平台",
            "清洁能源供应不足，天然气价格高",
        ],
        suggestions: &[
            "建议推广屋顶分布式光伏，简化并网流程",
            "建设园区集中供热和智慧能源管理平台",
            "争取更优惠的绿电交易价格",
            "对节能改造项目给予电价优惠",
        ],
    },
    Concern {
        id: "environment",
        name: "园区绿化与环境卫生",
        problems: &["园区绿化少，夏天热岛效应明显", "道路积尘多，货车带泥上路", "园区内有异味，环境卫生差", "缺少员工休闲的绿地和步道"],
        suggestions: &["增加园区绿化和员工休闲步道", "加强道路冲洗保洁，管控货车带泥上路", "建设园区口袋公园"],
    },
    Concern {
        id: "policy",
        name: "政策补贴与审批",
        problems: &[
            "绿色改造补贴申请流程复杂，到账慢",
            "环保政策变化快，企业很难及时跟上",
            "节能改造投入大，融资困难",
            "对中小企业的技术指导不够",
            "环评审批时间太长",
        ],
        suggestions: &[
            "建议简化补贴申报流程，加快资金拨付",
            "设立绿色转型专项贷款",
            "组织专家上门提供节能诊断",
            "政策出台前多听取企业意见，给足过渡期",
        ],
    },
    Concern {
        id: "commute",
        name: "通勤交通与充电",
        problems: &[
            "园区公交班次少，上下班很不方便",
            "员工通勤主要靠私家车，停车难",
            "缺少充电桩，电动车充电不方便",
            "园区周边道路经常拥堵",
        ],
        suggestions: &["建议增加园区通勤公交和定制班车", "多建充电桩和非机动车停车棚", "优化园区周边的交通组织"],
    },
];

const PLACES: &[&str] = &["我家", "小区", "学校", "菜市场", "地铁站", "东湖路", "南江大道", "滨河路", "老城区"];
const RIVERS: &[&str] = &["南江", "西河", "东湖", "护城河", "北溪"];
const ROADS: &[&str] = &["南江大道", "滨河路", "环城北路", "解放路"];
const PARKS: &[&str] = &["临港化工园", "高新园区", "北山工业区"];

pub const NON_ANSWERS: &[&str] =
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

/// Compose one answer raising `concerns` (indices into `bank`), problem or suggestion.
pub fn compose(rng: &mut ChaCha8Rng, bank: &[Concern], concerns: &[usize], suggestion: bool) -> String {
    let enumerate = concerns.len() > 1 && rng.random_bool(0.15);
    let mut parts = Vec::new();
    for &c in concerns {
        let phrases = if suggestion { bank[c].suggestions } else { bank[c].problems };
        let phrase = *phrases.choose(rng).unwrap_or(&"");
        parts.push(fill(rng, phrase));
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
        let phone = format!("1{}{:08}", [3, 5, 7, 8, 9].choose(rng).unwrap_or(&3), rng.random_range(0..100_000_000u32));
        s.push_str(&format!("有情况可以联系我{phone}"));
    }
    s
}
