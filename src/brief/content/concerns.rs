//! 答卷人描述的情况, 受访者反映的主要问题 and 意见建议摘编: one section per open question.

use super::super::wording::{contrast_phrase, group_contrasts};
use super::*;
use crate::model::Intent;

pub(super) fn quote_source(q: &crate::model::QuoteOut) -> String {
    format!("{}，答卷 {}", q.population, q.response_id)
}

pub(super) fn group_contrast(c: &ConcernOut) -> String {
    group_contrasts(c).first().map(|(hi, lo)| format!("{}，两者的置信区间不重叠", contrast_phrase(hi, lo))).unwrap_or_default()
}

pub(super) fn concern_item(rank: usize, c: &ConcernOut, several: bool) -> ConcernItem {
    let k = &c.concern;
    ConcernItem {
        rank,
        label: k.label.clone(),
        keywords: k.keywords.iter().take(8).cloned().collect::<Vec<_>>().join("、"),
        respondents: k.share.respondents,
        share: pct_text(k.share.share),
        interval: interval(k.share.ci_low, k.share.ci_high),
        by_population: if several {
            c.by_population.iter().map(|b| format!("{} {}", b.population, pct_text(b.share.share))).collect::<Vec<_>>().join("；")
        } else {
            String::new()
        },
        groups: group_contrast(c),
        quotes: c.quotes.iter().take(3).map(|q| Quote { text: q.text.clone(), source: quote_source(q) }).collect(),
    }
}

pub(super) fn question_intro(q: &OpenQuestion, named: usize, what: &str) -> String {
    // Those who said there is no problem, or only praised, are counted, never in a category.
    let satisfied = q.no_problem + q.praise;
    let none = if satisfied > 0 {
        format!(
            "，其中 {satisfied} 人（{}）表示没有问题或表示满意，未归入任何一类；",
            pct_text(satisfied as f64 * 100.0 / q.answered.max(1) as f64)
        )
    } else {
        "，".to_string()
    };
    format!(
        "{}（{}）：有 {} 人作了有效回答{none}另有 {} 人的回答无实质内容、{} 人未填写。按用词归纳为 {} 类{what}，按提及人数排列如下；一条回答可能涉及几类，占比之和可超过 100%。",
        if q.source == TextSource::Other { format!("“{}”中“其他”选项填写的内容", plain(&q.title)) } else { format!("“{}”", plain(&q.title)) },
        q.populations.join("、"),
        q.answered,
        q.non_answers,
        q.empty,
        named,
    )
}

/// The remainder's line, with the rule that put answers there: below the minimum share,
/// or (when the limit was reached) ranked after the last named concern.
pub(super) fn remainder(cs: &[&ConcernOut], named: usize, limit: usize, method: &Method) -> Option<String> {
    let share = format!("{}%", num(method.min_share * 100.0));
    let rule = if named >= limit { format!("排在前 {limit} 类之后或每类不足 {share}") } else { format!("每类不足 {share}") };
    cs.iter().find(|c| c.concern.id == 0).map(|c| {
        format!(
            "另有 {} 人（{}）的回答未归入以上各类（{rule}），逐条列在 concerns.csv 中。",
            c.concern.share.respondents,
            pct_text(c.concern.share.share)
        )
    })
}

pub(super) fn concern_sections(texts: &TextResults, charts: &ChartSizes, method: &Method) -> Vec<ConcernSection> {
    // Problems first (of questions that ask about them, or mix them with other things),
    // then the "其他" texts.
    let order = texts
        .questions
        .iter()
        .filter(|q| q.source == TextSource::Open && matches!(q.intent, Intent::Problem | Intent::Mixed))
        .chain(texts.questions.iter().filter(|q| q.source == TextSource::Other));
    order.filter_map(|q| section(texts, charts, method, q)).collect()
}

/// The description and praise questions: what people report (or like), grouped.
pub(super) fn description_sections(texts: &TextResults, charts: &ChartSizes, method: &Method) -> Vec<ConcernSection> {
    texts
        .questions
        .iter()
        .filter(|q| q.source == TextSource::Open && matches!(q.intent, Intent::Description | Intent::Praise))
        .filter_map(|q| section(texts, charts, method, q))
        .collect()
}

fn section(texts: &TextResults, charts: &ChartSizes, method: &Method, q: &OpenQuestion) -> Option<ConcernSection> {
    let cs: Vec<&ConcernOut> = texts.concerns.iter().filter(|c| c.question == q.question).collect();
    let named: Vec<&ConcernOut> = cs.iter().copied().filter(|c| c.concern.id > 0).collect();
    if named.is_empty() {
        return None;
    }
    let several = q.populations.len() > 1;
    let word = q.intent.group_word();
    Some(ConcernSection {
        question: q.question.clone(),
        source: q.source,
        title: if q.source == TextSource::Other { format!("“{}”中“其他”的填写内容", plain(&q.title)) } else { q.title.clone() },
        populations: q.populations.join("、"),
        word: word.to_string(),
        intro: question_intro(q, named.len(), word),
        figure: chart(
            charts,
            ChartId::Concerns { question: q.question.clone() },
            format!("{}：各类{word}的提及比例（横线为 95% 置信区间）", plain(&q.title)),
        ),
        items: named.iter().enumerate().map(|(i, c)| concern_item(i + 1, c, several)).collect(),
        ties: ties(&named),
        group_tables: if q.source == TextSource::Open { group_tables(&named, several, word) } else { Vec::new() },
        remainder: remainder(&cs, named.len(), method.concern_limit(q.source), method),
    })
}

/// One table per grouping dimension (at most 10 groups) where some concern's groups
/// differ beyond sampling error: every named concern's share in every group, then in all.
fn group_tables(named: &[&ConcernOut], several: bool, word: &str) -> Vec<GroupTable> {
    let mut dims: Vec<(&str, &str, &str)> = Vec::new();
    for c in named {
        for g in &c.by_group {
            let d = (g.population.as_str(), g.dimension.as_str(), g.dimension_title.as_str());
            if !dims.contains(&d) {
                dims.push(d);
            }
        }
    }
    dims.into_iter()
        .filter_map(|(pop, dim, title)| {
            let mut groups: Vec<&str> = Vec::new();
            for g in named.iter().flat_map(|c| c.by_group.iter()).filter(|g| g.population == pop && g.dimension == dim) {
                if !groups.contains(&g.group.as_str()) {
                    groups.push(&g.group);
                }
            }
            // Only dimensions where some concern differs beyond sampling error.
            let differs = named.iter().any(|c| group_contrasts(c).iter().any(|(hi, _)| hi.population == pop && hi.dimension == dim));
            if groups.len() < 2 || groups.len() > 10 || !differs {
                return None;
            }
            let rows = named
                .iter()
                .map(|c| {
                    let mut cells: Vec<String> = groups
                        .iter()
                        .map(|grp| {
                            c.by_group
                                .iter()
                                .find(|g| g.population == pop && g.dimension == dim && g.group == *grp)
                                .map_or("—".into(), |g| format!("{:.1}", g.share.share))
                        })
                        .collect();
                    let all = if several {
                        c.by_population.iter().find(|b| b.population == pop).map(|b| b.share.share)
                    } else {
                        Some(c.concern.share.share)
                    };
                    cells.push(all.map_or("—".into(), |v| format!("{v:.1}")));
                    (c.concern.label.clone(), cells)
                })
                .collect();
            Some(GroupTable {
                caption: format!("{pop}按{}分组：各类{word}的提及比例（%）", dimension_word(title)),
                columns: groups.iter().map(|g| g.to_string()).chain(["全体".to_string()]).collect(),
                rows,
            })
        })
        .collect()
}

/// "第 1—3 项……可视为并列": runs of listed concerns that share a rank (their shares
/// differ by less than sampling error), by their place in the list.
fn ties(named: &[&ConcernOut]) -> Option<String> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (i, c) in named.iter().enumerate() {
        match runs.last_mut() {
            Some(run) if named[run.0].concern.rank == c.concern.rank => run.1 = i,
            _ => runs.push((i, i)),
        }
    }
    let listed: Vec<String> = runs
        .iter()
        .filter(|(a, b)| b > a)
        .map(|(a, b)| if b - a == 1 { format!("第 {} 项和第 {} 项", a + 1, b + 1) } else { format!("第 {}—{} 项", a + 1, b + 1) })
        .collect();
    (!listed.is_empty())
        .then(|| format!("{}的提及比例相差在抽样误差范围内（95% 置信区间相互重叠），可视为并列，不宜区分先后。", listed.join("、")))
}

pub(super) fn suggestion_sections(texts: &TextResults, charts: &ChartSizes) -> Vec<SuggestionSection> {
    let mut out = Vec::new();
    let asked = |q: &OpenQuestion| {
        texts
            .questions
            .iter()
            .any(|s| s.source == TextSource::Open && s.asks_suggestions && s.populations.iter().any(|p| q.populations.contains(p)))
    };
    // A problem question's suggestions are shown only where no question asked for them.
    for q in texts.questions.iter().filter(|q| q.source == TextSource::Open && q.carries_matters() && (q.asks_suggestions || !asked(q))) {
        let cs: Vec<&ConcernOut> = texts.concerns.iter().filter(|c| c.question == q.question && !c.concern.measures.is_empty()).collect();
        if cs.is_empty() {
            continue;
        }
        let named = texts.concerns.iter().filter(|c| c.question == q.question && c.concern.id > 0).count();
        let intro = if q.asks_suggestions {
            question_intro(q, named, "建议")
        } else {
            format!("“{}”的回答中也提出了不少建议，按所属问题摘编如下。", q.title)
        };
        out.push(SuggestionSection {
            question: q.question.clone(),
            title: q.title.clone(),
            intro,
            figure: if q.asks_suggestions {
                chart(
                    charts,
                    ChartId::Concerns { question: q.question.clone() },
                    format!("{}：各类建议的提及比例（横线为 95% 置信区间）", plain(&q.title)),
                )
            } else {
                None
            },
            groups: cs
                .iter()
                .map(|c| SuggestionGroup {
                    label: c.concern.label.clone(),
                    share: format!("提及 {} 人，占 {}", c.concern.share.respondents, pct_text(c.concern.share.share)),
                    items: c
                        .concern
                        .measures
                        .iter()
                        .take(5)
                        .map(|s| SuggestionLine { text: s.text.clone(), respondents: s.respondents })
                        .collect(),
                })
                .collect(),
        });
    }
    out
}
