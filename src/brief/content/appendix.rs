//! The appendix (sample, data quality, method, tables, files) and the one-page card.

use super::*;

/// The screening rules the run applied: which reasons excluded a response and which only
/// flagged it.
pub(super) fn screening_method(screen: &ScreenOptions) -> String {
    let ratio = screen.speeder_ratio;
    let speed = if (ratio - 1.0 / 3.0).abs() < 1e-6 {
        "三分之一".to_string()
    } else if (ratio - 0.5).abs() < 1e-6 {
        "一半".to_string()
    } else {
        format!("{}%", num(ratio * 100.0))
    };
    let rule = |r: Reason| match r {
        Reason::Empty => "未作答任何题目的答卷".to_string(),
        Reason::Duplicate => {
            "与先前答卷完全相同（且来自同一个只有少数人使用的 IP 地址，或填写了相同的较长文字/数字）、一天之内再次提交的重复提交"
                .to_string()
        }
        Reason::Speeder => format!("答题用时不到中位数{speed}的答卷"),
        Reason::StraightLine => format!("{} 行及以上的矩阵题全部选同一项的答卷", screen.straight_min_rows),
    };
    let (excluded, flagged): (Vec<Reason>, Vec<Reason>) = Reason::ALL.into_iter().partition(|r| screen.exclude.contains(r));
    let excluded: Vec<String> = excluded.into_iter().map(rule).collect();
    let flagged: Vec<String> = flagged.into_iter().map(rule).collect();
    let mut out = String::from("答卷筛查：");
    if excluded.is_empty() {
        out.push_str("所有答卷均纳入分析");
    } else {
        out.push_str(&format!("{}予以排除，每份被排除答卷的编号和原因记录在 manifest.json 中", excluded.join("、")));
    }
    if !flagged.is_empty() {
        out.push_str(&format!("；{}仅作标记待查，仍纳入分析", flagged.join("、")));
    }
    if screen.max_excluded_share < 1.0 && screen.exclude.iter().any(|r| *r != Reason::Empty) {
        out.push_str(&format!(
            "；为免误删，除未作答外，任何一条规则要排除的答卷超过该群体的 {}% 时，这条规则不执行，只标记待查",
            num(screen.max_excluded_share * 100.0)
        ));
    }
    out.push('。');
    out
}

pub(super) fn appendix(stats: &Stats, screening: &Screening, texts: &TextResults, method: &Method) -> Appendix {
    let quality = screening
        .populations
        .iter()
        .map(|a| QualityRow {
            population: a.population.clone(),
            read: a.read,
            analysed: a.analysed,
            excluded: Reason::ALL.iter().map(|r| a.excluded.get(r).map_or(0, Vec::len)).collect(),
            flagged: a.flagged.values().map(Vec::len).sum(),
        })
        .collect();
    let mut quality_notes: Vec<String> = screening
        .populations
        .iter()
        .filter_map(|a| a.speeder_threshold.map(|t| format!("{}：答题用时少于 {:.0} 秒视为用时过短。", a.population, t)))
        .collect();
    let unanalysed: Vec<String> = stats
        .questions
        .iter()
        .filter(|q| matches!(q.role, Role::Identity | Role::Placeholder) && q.n_valid > 0)
        .map(|q| match q.role {
            Role::Identity => {
                format!("{}“{}”（姓名、联系方式等个人信息，{} 人填写，内容不写入任何文件）", q.population, q.title, q.n_valid)
            }
            _ => format!("{}“{}”（全部为占位符或相同内容）", q.population, q.title),
        })
        .collect();
    if !unanalysed.is_empty() {
        quality_notes.push(format!("未作分析的列：{}。", unanalysed.join("；")));
    }
    for a in &screening.populations {
        quality_notes.extend(a.guarded.iter().map(|g| format!("{}。", g.sentence(&a.population))));
        quality_notes.extend(a.unavailable.iter().map(|u| format!("{}：{}。", a.population, u.why)));
    }
    let missing: Vec<String> = stats
        .questions
        .iter()
        .filter(|q| q.is_closed() && q.n_valid + q.n_missing > 0)
        .filter(|q| q.n_missing as f64 / (q.n_valid + q.n_missing) as f64 > 0.1)
        .map(|q| format!("{}“{}”{} 人未答或跳过", q.population, q.title, q.n_missing))
        .collect();
    if !missing.is_empty() {
        quality_notes.push(format!("未答或跳过超过一成的题目：{}（百分比均以实际作答人数为基数）。", missing.join("；")));
    }
    let method = vec![
        screening_method(&method.screen),
        "封闭题：百分比以该题有效回答人数为基数（多选题为作答该题的人数），95% 置信区间用 Wilson 法计算；量表题报告前两项（如“满意”“非常满意”）占比、均分（1–5 分）和 0–100 的指数；0–10 分评分题报告净推荐值（9–10 分占比减 0–6 分占比）。".to_string(),
        "分组比较：皮尔逊卡方检验，p < 0.05 为差异显著；关联强度用 Cramer V；期望频数小于 5 的单元格超过两成或有期望频数小于 1 的，检验结果仅供参考；单元格的调整标准化残差绝对值大于 1.96 的视为明显偏高或偏低。".to_string(),
        format!(
            "开放题：先隐去回答中的电话、身份证号、电子邮箱、网址、QQ 号、微信号和车牌（这些内容不参与分析，也不会出现在任何输出中），再统一全角半角和繁简字，识别“无”“没有”等无实质内容的回答并单独计数；把回答按标点和“另外”“其次”等连接词切分成分句，用 jieba 分词（含城市治理与生态环境领域词典）并去除停用词；用狄利克雷多项混合模型（GSDMM）归纳，再按信息损失最小的原则合并相近的类（每题最多 {} 类，“其他”选项的填写内容最多 {} 类），不足 {}% 的类合并为“其他”并计数；每类的名称取该类最有区分度的词（类别 TF-IDF），代表性原话取最接近该类中心的回答。{}",
            method.concern_limit(TextSource::Open),
            method.concern_limit(TextSource::Other),
            num(method.min_share * 100.0),
            if texts.questions.is_empty() { "本次调查没有开放题。" } else { "随机种子固定，重复运行结果相同。" }
        ),
    ];
    let mut tables = vec!["样本情况：各群体读取、纳入分析和排除的答卷数".to_string()];
    tables.push(format!("各题频数表：{} 张（每道封闭题一张工作表）", stats.questions.iter().filter(|q| q.is_closed()).count()));
    tables.push(format!("交叉检验汇总：{} 项检验及显著的交叉表", stats.crosstabs.len()));
    if !stats.other_texts.is_empty() {
        tables.push(format!("其他填写：{} 条“其他”选项的填写内容", stats.other_texts.len()));
    }
    if !texts.concerns.is_empty() {
        tables.push(format!(
            "关注问题：{} 道开放题（含“其他”填写）归纳出的每类问题（或情况）及“其他”类的人数、占比、关键词和分群体占比",
            texts.questions.len()
        ));
        tables.push("意见建议：按问题归类的建议及提出人数".to_string());
    }
    let files = vec![
        ("brief.pdf".to_string(), "本简报".to_string()),
        ("brief-NN.png".to_string(), "本简报每一页的图片（150 dpi）".to_string()),
        ("summary.png".to_string(), "一页摘要卡片，便于在手机上转发".to_string()),
        ("proposal-drafts/".to_string(), "提案初稿（Markdown 和 Word 格式），每个主要问题一份，须人工审核修改".to_string()),
        ("tables.xlsx".to_string(), "全部统计表".to_string()),
        ("results.json".to_string(), "全部结果数据（机器可读）".to_string()),
        ("concerns.csv".to_string(), "答卷归类表：每条开放题回答的归类（已隐去个人信息）".to_string()),
        ("explorer.html".to_string(), "答卷浏览页：双击用浏览器打开，可点开每个数字阅读背后的回答、查找词语（无需联网）".to_string()),
        ("charts/".to_string(), "全部图表（PNG 和 SVG）".to_string()),
        ("manifest.json".to_string(), "输入文件、排除答卷编号及原因、配置、种子和各步骤耗时".to_string()),
    ];
    Appendix { reasons: Reason::ALL.iter().map(|r| r.short_label()).collect(), quality, quality_notes, method, tables, files }
}

/// The one-page card for phones (summary.png): per population, its respondents, the
/// leading concerns and the measures most proposed.
pub(super) fn phone_card(stats: &Stats, texts: &TextResults) -> Summary {
    // One block per set of populations that answered an open question together (usually
    // one population each); a population with no open question still gets its block.
    let mut sets: Vec<Vec<String>> = Vec::new();
    for q in texts.questions.iter().filter(|q| q.source == TextSource::Open) {
        if !sets.contains(&q.populations) {
            sets.push(q.populations.clone());
        }
    }
    for p in &stats.populations {
        if !sets.iter().any(|s| s.contains(&p.name)) {
            sets.push(vec![p.name.clone()]);
        }
    }
    let size = |s: &Vec<String>| -> usize { stats.populations.iter().filter(|p| s.contains(&p.name)).map(|p| p.rows_analysed).sum() };
    sets.sort_by_key(|s| std::cmp::Reverse(size(s)));
    let blocks = sets
        .iter()
        .map(|set| {
            let who = stats.who(set);
            let heading = if set.len() == 1 {
                format!("{}（有效问卷 {} 份）", set[0], size(set))
            } else {
                format!("{}（共同题，有效问卷共 {} 份）", set.join("、"), size(set))
            };
            let mut headlines = Vec::new();
            for p in set.iter().filter(|_| set.len() == 1) {
                if let Some(q) = stats.questions.iter().find(|q| &q.population == p && q.kind == Kind::Likert && q.top2.is_some()) {
                    let label = match super::super::wording::satisfaction_object(&q.title) {
                        Some(what) => format!("{who}对{what}表示满意"),
                        None => format!("“{}”一题中{who}给出较高评价", plain(&q.title)),
                    };
                    headlines.push(Headline { value: pct_text(q.top2.unwrap_or(f64::NAN)), label });
                }
            }
            let problem = texts
                .questions
                .iter()
                .filter(|q| q.source == TextSource::Open && !q.asks_suggestions && q.carries_matters() && &q.populations == set)
                .max_by_key(|q| q.answered);
            let concerns = problem
                .map(|q| {
                    texts
                        .concerns
                        .iter()
                        .filter(|c| c.question == q.question && c.concern.id > 0)
                        .take(5)
                        .map(|c| SummaryConcern {
                            label: c.concern.label.clone(),
                            share: c.concern.share.share,
                            share_text: pct_text(c.concern.share.share),
                            people: format!("{} 人", c.concern.share.respondents),
                        })
                        .collect()
                })
                .unwrap_or_default();
            let ties = problem.and_then(|q| {
                let shown: Vec<&ConcernOut> =
                    texts.concerns.iter().filter(|c| c.question == q.question && c.concern.id > 0).take(5).collect();
                let level = shown.iter().take_while(|c| c.concern.rank == 1).count();
                (level >= 2).then(|| format!("前 {level} 项相差在抽样误差范围内，不分先后"))
            });
            // The measures proposed by most people of this block, in proposal voice.
            let measures: Vec<(usize, String)> = texts
                .concerns
                .iter()
                .filter(|c| {
                    texts.questions.iter().any(|q| q.question == c.question && q.source == TextSource::Open && &q.populations == set)
                })
                .flat_map(|c| c.concern.measures.iter())
                .filter(|m| m.respondents >= 2)
                .map(|m| (m.respondents, super::super::wording::actionable(m.text.trim_end_matches(['。', '；', '，']))))
                .collect();
            // One line per wording, with the most proposers any concern counted for it.
            let mut most: BTreeMap<String, usize> = BTreeMap::new();
            for (n, t) in measures {
                let e = most.entry(t).or_insert(0);
                *e = (*e).max(n);
            }
            let mut measures: Vec<(usize, String)> = most.into_iter().map(|(t, n)| (n, t)).collect();
            measures.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            CardBlock {
                heading,
                headlines,
                question: problem.map(|q| plain(&q.title).to_string()),
                concerns,
                ties,
                measures: measures.into_iter().take(3).map(|(n, t)| format!("{t}（{n} 人提出）")).collect(),
            }
        })
        .collect();
    Summary {
        blocks, footer: "本卡片根据问卷调查数据自动生成，各项比例均以回答该题的人数为分母；完整结果见同批生成的分析简报。".into()
    }
}
