//! 摘要: the few findings a reader needs before anything else, each one plain sentence
//! with its number and where it is strongest or weakest, chosen by fixed rules (see
//! `docs/brief.md`); then what the data cannot say.
//!
//! The candidates, by kind: the leading concern of each problem question (ties said as
//! ties), the satisfaction of each population (its lowest-rated aspect and the group
//! that trails), the strongest reliable group difference, the measures proposed most.
//! The best of each kind is taken first, then the second of each, up to five. The
//! composition of the sample is never a finding.

use super::super::wording::{favourable, group_contrasts, satisfaction_object};
use super::*;
use crate::model::OptionStat;

/// At most this many findings in the 摘要.
const MAX_FINDINGS: usize = 5;

#[derive(Debug, Clone, Serialize)]
pub struct Digest {
    pub findings: Vec<String>,
    /// What the data cannot say.
    pub limits: Vec<String>,
}

pub(super) fn digest(stats: &Stats, screening: &Screening, texts: &TextResults) -> Digest {
    // Larger populations and questions first within each kind.
    let size =
        |pops: &[String]| -> usize { stats.populations.iter().filter(|p| pops.contains(&p.name)).map(|p| p.rows_analysed).sum::<usize>() };
    let mut problems: Vec<&OpenQuestion> =
        texts.questions.iter().filter(|q| q.source == TextSource::Open && !q.asks_suggestions && q.carries_matters()).collect();
    // Descriptions and praise come after every other kind of finding.
    let mut described: Vec<&OpenQuestion> = texts.questions.iter().filter(|q| q.source == TextSource::Open && !q.carries_matters()).collect();
    described.sort_by_key(|q| std::cmp::Reverse(q.answered));
    problems.sort_by_key(|q| std::cmp::Reverse(q.answered));
    let mut pops: Vec<&crate::model::PopulationSummary> = stats.populations.iter().collect();
    pops.sort_by_key(|p| std::cmp::Reverse(p.rows_analysed));
    let mut asking: Vec<&OpenQuestion> = texts.questions.iter().filter(|q| q.source == TextSource::Open && q.asks_suggestions).collect();
    asking.sort_by_key(|q| std::cmp::Reverse(size(&q.populations)));

    let kinds: Vec<Vec<String>> = vec![
        problems.iter().filter_map(|q| concern_finding(stats, texts, q, several_per_population(&problems, q))).collect(),
        pops.iter().filter_map(|p| satisfaction_finding(stats, &p.name)).collect(),
        // Differences on satisfaction are said with each population's satisfaction.
        stats
            .heat_maps(usize::MAX)
            .into_iter()
            .filter(|c| !stats.questions.iter().any(|q| q.population == c.population && is_satisfaction(q) && c.is_of(&q.id)))
            .take(1)
            .map(difference_finding)
            .collect(),
        asking.iter().filter_map(|q| measure_finding(stats, texts, q)).collect(),
        described.iter().filter_map(|q| concern_finding(stats, texts, q, true)).collect(),
    ];
    let mut chosen: Vec<(usize, usize)> = Vec::new();
    let deepest = kinds.iter().map(Vec::len).max().unwrap_or(0);
    'pick: for depth in 0..deepest {
        for (k, list) in kinds.iter().enumerate() {
            if depth < list.len() {
                if chosen.len() == MAX_FINDINGS {
                    break 'pick;
                }
                chosen.push((k, depth));
            }
        }
    }
    chosen.sort();
    let findings = chosen.into_iter().map(|(k, i)| kinds[k][i].clone()).collect();
    Digest { findings, limits: limits(stats, screening, texts) }
}

/// "市民反映最多的问题是“工厂废气异味”，821 人提及，占有效回答的 25.7%，与“…”不相上下；按区看，…"
fn concern_finding(stats: &Stats, texts: &TextResults, q: &OpenQuestion, several: bool) -> Option<String> {
    let named: Vec<&ConcernOut> = texts.concerns.iter().filter(|c| c.question == q.question && c.concern.id > 0).collect();
    let lead = named
        .iter()
        .min_by(|a, b| a.concern.rank.cmp(&b.concern.rank).then(b.concern.share.respondents.cmp(&a.concern.share.respondents)))?;
    let k = &lead.concern;
    // A question about problems "反映"; any other says what was answered most. With several
    // such questions, the sentence says which one.
    let lead_words = match q.intent {
        crate::model::Intent::Problem | crate::model::Intent::Mixed => "反映最多的问题",
        crate::model::Intent::Praise => "最满意的方面",
        _ => "回答中最多的一类",
    };
    let which = if several { format!("对“{}”，", plain(&q.title)) } else { String::new() };
    let mut s = format!(
        "{which}{}{}是“{}”，{} 人提及，占有效回答的 {}",
        stats.who(&q.populations),
        lead_words,
        k.label,
        k.share.respondents,
        pct_text(k.share.share)
    );
    let tied: Vec<String> = named
        .iter()
        .filter(|c| c.concern.id != k.id && k.tied_with.contains(&c.concern.id))
        .take(3)
        .map(|c| format!("“{}”（{}）", c.concern.label, pct_text(c.concern.share.share)))
        .collect();
    if !tied.is_empty() {
        s.push_str(&format!("，与{}不相上下（相差在抽样误差范围内）", tied.join("、")));
    }
    if let Some((hi, lo)) = group_contrasts(lead).first() {
        s.push('；');
        s.push_str(&super::super::wording::contrast_phrase(hi, lo));
    }
    s.push('。');
    Some(s)
}

/// Whether another of these questions was asked of the same populations.
fn several_per_population(qs: &[&OpenQuestion], q: &OpenQuestion) -> bool {
    qs.iter().any(|o| o.question != q.question && o.populations.iter().any(|p| q.populations.contains(p)))
}

/// Per column of a cross-tab of a scale, the share choosing a favourable option.
fn favourable_by_column(c: &Crosstab, options: &[OptionStat]) -> Vec<f64> {
    let (_, hi) = crate::model::scale_bounds(options.iter().filter_map(|o| o.score));
    let good: Vec<bool> = c
        .row_labels
        .iter()
        .map(|l| options.iter().find(|o| &o.label == l).and_then(|o| o.score).is_some_and(|s| crate::model::favourable(s, hi)))
        .collect();
    (0..c.col_labels.len())
        .map(|j| {
            let total: u64 = c.counts.iter().map(|r| r[j]).sum();
            let pos: u64 = c.counts.iter().zip(&good).filter(|(_, g)| **g).map(|(r, _)| r[j]).sum();
            if total == 0 {
                f64::NAN
            } else {
                pos as f64 * 100.0 / total as f64
            }
        })
        .collect()
}

/// A population's satisfaction: the overall item, the lowest and highest rated aspects,
/// and the group that trails on most aspects where groups differ.
fn satisfaction_finding(stats: &Stats, population: &str) -> Option<String> {
    let noun = stats.audience(population).noun();
    let qs = || stats.questions.iter().filter(|q| q.population == population);
    let overall = qs().find(|q| q.kind == Kind::Likert && is_satisfaction(q) && q.top2.is_some() && q.title.contains("满意"));
    let about_satisfaction = |q: &QuestionStats| q.title.contains("满意") || q.title.contains("评价");
    let matrix = qs().find(|q| q.kind == Kind::Matrix && about_satisfaction(q) && q.rows.iter().filter(|r| r.index.is_some()).count() >= 2);
    let mut parts = Vec::new();
    if let Some((q, good)) = overall.and_then(|q| Some((q, favourable(&q.options)?))) {
        let share = pct_text(q.top2.unwrap_or(f64::NAN));
        parts.push(match satisfaction_object(&q.title) {
            Some(x) => format!("{noun}对{x}表示满意（选择{good}）的占 {share}"),
            None => format!("“{}”一题中，{noun}选择{good}的占 {share}", plain(&q.title)),
        });
    }
    let ends = matrix.and_then(|q| {
        let rows: Vec<(usize, &crate::model::RowStats)> = q.rows.iter().enumerate().filter(|(_, r)| r.top2.is_some()).collect();
        let lo = *rows.iter().min_by(|a, b| a.1.top2.unwrap_or(0.0).total_cmp(&b.1.top2.unwrap_or(0.0)))?;
        let hi = *rows.iter().max_by(|a, b| a.1.top2.unwrap_or(0.0).total_cmp(&b.1.top2.unwrap_or(0.0)))?;
        Some((q, rows.len(), lo, hi, favourable(&lo.1.options)?))
    });
    if let Some((q, n, lo, hi, good)) = ends {
        let which = match satisfaction_object(&q.title) {
            Some(x) if !x.contains("以下") && !x.contains("下列") => format!("{x}的 {n} 个方面中"),
            _ => format!("问卷所列 {n} 个方面中"),
        };
        let lead = if parts.is_empty() { format!("{noun}对") } else { "在".to_string() };
        parts.push(format!(
            "{lead}{which}，“{}”评价最低（选择{good}的占 {}），“{}”最高（{}）",
            lo.1.label,
            pct_text(lo.1.top2.unwrap_or(f64::NAN)),
            hi.1.label,
            pct_text(hi.1.top2.unwrap_or(f64::NAN)),
        ));
        if let Some(t) = trailing_group(stats, q) {
            parts.push(t);
        }
    }
    // Would they recommend it: the shares at both ends of a 0–10 rating.
    if let Some(q) = qs().find(|q| q.kind == Kind::Rating && q.promoters.is_some()) {
        parts.push(format!(
            "在“{}”上，打 9—10 分的占 {}，打 0—6 分的占 {}",
            plain(&q.title),
            pct_text(q.promoters.unwrap_or(f64::NAN)),
            pct_text(q.detractors.unwrap_or(f64::NAN))
        ));
    }
    if parts.is_empty() {
        return None;
    }
    Some(format!("{}。", parts.join("；")))
}

/// "按“所在区”看，北山区在 5 个方面的满意比例都是各组最低": the group lowest on the most
/// aspects whose groups differ significantly (at least two aspects).
fn trailing_group(stats: &Stats, q: &QuestionStats) -> Option<String> {
    let mut tally: BTreeMap<(String, String), (usize, f64)> = BTreeMap::new();
    for c in stats
        .crosstabs
        .iter()
        .filter(|c| c.population == q.population && c.is_of(&q.id) && c.by != GroupBy::Population && c.reliable && c.significant())
    {
        let Part::MatrixRow(r) = c.part else { continue };
        let Some(row) = q.rows.get(r) else { continue };
        let shares = favourable_by_column(c, &row.options);
        let lowest = shares.iter().enumerate().filter(|(_, s)| s.is_finite()).min_by(|a, b| a.1.total_cmp(b.1));
        if let Some((j, s)) = lowest {
            let e = tally.entry((c.by_title.clone(), c.col_labels[j].clone())).or_insert((0, 0.0));
            e.0 += 1;
            e.1 = e.1.max(100.0 - s);
        }
    }
    let ((dim, group), (k, _)) = tally.into_iter().max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(a.1 .1.total_cmp(&b.1 .1)))?;
    let rows = q.rows.iter().filter(|r| r.top2.is_some()).count();
    let which = if k == rows { format!("全部 {k} 个方面") } else { format!("其中 {k} 个方面") };
    (k >= 2).then(|| format!("按{}看，{group}在{which}的满意比例都是各组最低", dimension_word(&dim)))
}

/// The strongest reliable group difference, in plain words; the test statistics go to
/// the body's note, not here.
fn difference_finding(c: &Crosstab) -> String {
    let (hi, lo) = super::super::wording::standouts(c);
    let mut s = format!(
        "各组差异最明显的是按{}分组的“{}”（差异显著，{}）",
        dimension_word(&c.by_title),
        plain(&c.question_title),
        p_text(c.p_value.unwrap_or(f64::NAN))
    );
    let parts: Vec<String> = hi.into_iter().chain(lo).collect();
    if !parts.is_empty() {
        s.push_str("：");
        s.push_str(&parts.join("；"));
    }
    s.push('。');
    s
}

/// "市民提出最多的建议是“化工企业逐步搬离居民区”（218 人）、……": across a suggestion
/// question's concerns, the measures with the most proposers.
fn measure_finding(stats: &Stats, texts: &TextResults, q: &OpenQuestion) -> Option<String> {
    let mut all: Vec<&crate::model::Suggestion> =
        texts.concerns.iter().filter(|c| c.question == q.question).flat_map(|c| c.concern.measures.iter()).collect();
    // One entry per wording (the most proposers any concern counted for it).
    all.sort_by(|a, b| a.text.cmp(&b.text).then(b.respondents.cmp(&a.respondents)));
    all.dedup_by(|a, b| a.text == b.text);
    all.sort_by(|a, b| b.respondents.cmp(&a.respondents).then(a.text.cmp(&b.text)));
    let shown: Vec<&&crate::model::Suggestion> = all.iter().filter(|m| m.respondents >= 2).take(3).collect();
    let top: Vec<String> = shown.iter().map(|m| format!("“{}”（{} 人）", m.text, m.respondents)).collect();
    if top.is_empty() {
        return None;
    }
    // Level when the last one's interval reaches the first's.
    let ci = |m: &crate::model::Suggestion| crate::util::math::percent_ci(m.respondents as u64, q.answered as u64);
    let level = shown.len() >= 2 && ci(shown[shown.len() - 1]).2 >= ci(shown[0]).1;
    Some(format!(
        "{}提出最多的建议是{}（提出建议的共 {} 人{}）。",
        stats.who(&q.populations),
        top.join("、"),
        q.answered,
        if level { "，这几项人数相近，不分先后" } else { "" }
    ))
}

/// What the data cannot say, in plain words.
fn limits(stats: &Stats, screening: &Screening, texts: &TextResults) -> Vec<String> {
    let names: Vec<String> = stats.populations.iter().map(|p| p.name.clone()).collect();
    // Letters are written by those who chose to write: who they are is not a sample of anyone.
    let letters = !stats.populations.is_empty() && stats.populations.iter().all(|p| p.audience.writes());
    let mut out = vec![if letters {
        "以上结果只代表写来信、留言的人反映的情况：来信是写信人主动提出的，不是抽样调查，不能推算为全体群众的看法；某类事项来信多，说明反映集中，不等于问题最普遍。各项比例附有 95% 置信区间，相差在误差范围内的不分先后。".to_string()
    } else {
        format!(
            "以上结果只代表参加调查的{}：问卷由答卷人自愿填写，样本没有按人口结构或企业规模加权，不能直接推算为全体的比例；各项比例都附有 95% 置信区间（抽样误差范围），相差在误差范围内的不分先后。",
            stats.who(&names)
        )
    }];
    let (unit, measure) = if letters { ("来信", "件") } else { ("问卷", "份") };
    let excluded: usize = screening.populations.iter().map(|a| a.read - a.analysed.min(a.read)).sum();
    let read: usize = screening.populations.iter().map(|a| a.read).sum();
    let reasons: Vec<&str> = crate::model::Reason::ALL
        .iter()
        .filter(|r| screening.populations.iter().any(|a| a.excluded.get(r).is_some_and(|v| !v.is_empty())))
        .map(|r| r.label())
        .collect();
    if excluded > 0 {
        out.push(format!("共读取{unit} {read} {measure}，其中 {excluded} {measure}因{}未纳入分析（规则和逐份清单见附录）。", reasons.join("、")));
    } else if read > 0 {
        out.push(format!("共读取{unit} {read} {measure}，全部纳入分析。"));
    }
    if texts.questions.iter().any(|q| q.source == TextSource::Open) {
        out.push(
            "开放题的归类由程序按回答用词完成，个别回答可能归类不准；每一条回答归入哪一类，可在随简报附带的答卷浏览页和答卷归类表中逐条核对。".into(),
        );
    }
    out
}
