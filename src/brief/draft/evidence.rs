//! What a draft says of its matter, drawn from the results: the 案由's scale, the closed
//! items on the same matter, group contrasts, quotes, the clauses that state a cause or a
//! symptom, the counted measures as proposals, and the chart that carries the case.

use super::super::wording::{actionable, dimension_word, favourable, group_contrasts, pct_text, plain};
use super::matter::{question_of, Context, Matter};
use super::{addressee, matter_phrase, DraftFigure};
use crate::model::{ChartId, ConcernOut, Kind, Suggestion};
use crate::util::words::words;

/// A clause fit to be repeated in a draft: no Latin letters (anonymised places, codes),
/// no law titles, not opening with a connective that needs the sentence before it.
pub(super) fn clean_clause(t: &str) -> bool {
    !t.chars().any(|c| c.is_ascii_alphabetic())
        && !t.contains(['《', '》'])
        && !words().brief.dependent_connectives.iter().any(|w| t.starts_with(w))
}

/// 案由: the matter in one paragraph, with its scale and the body it belongs to.
pub(super) fn case(ctx: &Context, c: &ConcernOut) -> String {
    let q = question_of(ctx, c);
    let who = ctx.stats.who(&q.populations);
    let pops: Vec<String> = ctx
        .screening
        .populations
        .iter()
        .filter(|a| q.populations.contains(&a.population))
        .map(|a| {
            if ctx.stats.populations.len() == 1 {
                format!("问卷 {} 份", a.analysed)
            } else {
                format!("{}问卷 {} 份", a.population, a.analysed)
            }
        })
        .collect();
    let s = &c.concern.share;
    // "在回答“…”时", unless the question has no wording of its own ("第 90 题", a column name).
    let asked = if q.worded() { format!("在回答“{}”时", plain(&q.title)) } else { String::new() };
    let enterprises = q.populations.first().is_some_and(|p| ctx.stats.audience(p) == crate::model::Audience::Enterprises);
    let unit = if enterprises { "家" } else { "名" };
    let tied: Vec<String> = ctx
        .texts
        .concerns
        .iter()
        .filter(|o| o.question == c.question && c.concern.tied_with.contains(&o.concern.id))
        .take(3)
        .map(|o| format!("“{}”", o.concern.label))
        .collect();
    let mut p = if q.asks_suggestions {
        // A suggestion concern groups several measures: its total is the people who
        // proposed something on this matter; the measure that names it is counted alone.
        let own = c.concern.measures.iter().find(|m| overlaps(&m.text, &c.concern.label)).map(|m| m.respondents);
        format!(
            "{}的问卷调查（有效{}）中，{} {unit}{who}{asked}提出了这方面的建议，占回答该题{who}的 {}{}。",
            ctx.period.as_ref().map(|p| format!("{p}开展")).unwrap_or_else(|| "本次".into()),
            pops.join("、"),
            s.respondents,
            pct_text(s.share),
            own.map(|n| format!("，其中明确建议{}的有 {n} {unit}", c.concern.label)).unwrap_or_default(),
        )
    } else {
        let place = if c.concern.rank == 1 && tied.is_empty() {
            "，是反映最多的问题".to_string()
        } else if c.concern.rank == 1 {
            format!("，与{}并列反映最多（相差在抽样误差范围内）", tied.join("、"))
        } else {
            String::new()
        };
        format!(
            "{}的问卷调查（有效{}）中，{} {unit}{who}{asked}反映{}，占回答该题{who}的 {}{place}。",
            ctx.period.as_ref().map(|p| format!("{p}开展")).unwrap_or_else(|| "本次".into()),
            pops.join("、"),
            s.respondents,
            matter_phrase(&c.concern.label, &c.department),
            pct_text(s.share),
        )
    };
    let body = addressee(c);
    if body != "有关部门" {
        p.push_str(&format!("此事主要涉及{}的职责。", body.trim_start_matches('市')));
    }
    p
}

/// Closed items on the same matter: in the same population, filed under the same
/// subcategory of the taxonomy, or sharing a two-character word with the concern's name.
/// Satisfaction items (with their place among the aspects) and options of questions
/// about problems.
pub(super) fn related_closed(ctx: &Context, c: &ConcernOut, max: usize) -> Vec<(String, ChartId)> {
    related_items(ctx, c, max).into_iter().map(|(t, id, _)| (t, id)).collect()
}

/// [`related_closed`] with each item's reference (for `results.json`'s drafts).
pub(super) fn related_items(ctx: &Context, c: &ConcernOut, max: usize) -> Vec<(String, ChartId, crate::model::ItemRef)> {
    use crate::model::ItemRef;
    let q = question_of(ctx, c);
    let who = ctx.stats.who(&q.populations);
    // The concern's words: its name and its first keywords.
    let words: Vec<String> = std::iter::once(c.concern.label.clone()).chain(c.concern.keywords.iter().take(4).cloned()).collect();
    let shares_word = |label: &str| {
        words.iter().any(|w| {
            let ch: Vec<char> = w.chars().collect();
            ch.windows(2).any(|p| p.iter().all(|x| x.is_alphanumeric()) && label.contains(&p.iter().collect::<String>()))
        })
    };
    // Items of the same subcategory; only those that also share a word, when any does.
    let same_sub: Vec<&crate::model::ItemDepartment> = ctx
        .texts
        .items
        .iter()
        .filter(|i| q.populations.contains(&i.population) && !c.department.sub.is_empty() && i.department.sub == c.department.sub)
        .collect();
    let narrowed: Vec<&&crate::model::ItemDepartment> = same_sub.iter().filter(|i| shares_word(&i.label)).collect();
    let on_matter = |pop: &str, qid: &str, label: &str| {
        let hit = |i: &&crate::model::ItemDepartment| i.population == pop && i.question == qid && i.label == label;
        if narrowed.is_empty() {
            same_sub.iter().any(hit)
        } else {
            narrowed.iter().any(|i| hit(i))
        }
    };
    let mut out = Vec::new();
    for s in ctx.stats.questions.iter().filter(|s| s.is_closed() && q.populations.contains(&s.population)) {
        let id = ChartId::Question { population: s.population.clone(), question: s.id.clone() };
        match s.kind {
            Kind::Matrix => {
                let rated: Vec<&crate::model::RowStats> = s.rows.iter().filter(|r| r.top2.is_some()).collect();
                // A row supports the case only when it is rated in the lower half.
                for r in rated.iter().filter(|r| on_matter(&s.population, &s.id, &r.label)) {
                    let below = rated.iter().filter(|o| o.top2 < r.top2).count();
                    if below * 2 >= rated.len() {
                        continue;
                    }
                    let rank = if below == 0 && rated.len() >= 3 {
                        format!("，在所列 {} 个方面中最低", rated.len())
                    } else {
                        String::new()
                    };
                    let good = favourable(&r.options).unwrap_or_default();
                    out.push((
                        format!("{who}对“{}”表示满意（选择{good}）的为 {}{rank}", r.label, pct_text(r.top2.unwrap_or(f64::NAN))),
                        id.clone(),
                        ItemRef { population: s.population.clone(), question: s.id.clone(), row: Some(r.label.clone()), option: None },
                    ));
                }
            }
            Kind::Likert if on_matter(&s.population, &s.id, &s.title) => {
                if let (Some(t), Some(good)) = (s.top2, favourable(&s.options)) {
                    out.push((
                        format!("在“{}”一题中，选择{good}的占 {}", plain(&s.title), pct_text(t)),
                        id.clone(),
                        ItemRef { population: s.population.clone(), question: s.id.clone(), row: None, option: None },
                    ));
                }
            }
            Kind::Multi | Kind::Single
                if crate::util::words::words().questions.problem_choice_title_words.iter().any(|w| s.title.contains(w)) =>
            {
                for o in s.options.iter().filter(|o| on_matter(&s.population, &s.id, &o.label)) {
                    out.push((
                        format!("在“{}”一题中，有 {} 的{who}选择了“{}”", plain(&s.title), pct_text(o.percent), o.label),
                        id.clone(),
                        ItemRef { population: s.population.clone(), question: s.id.clone(), row: None, option: Some(o.label.clone()) },
                    ));
                }
            }
            _ => {}
        }
    }
    out.truncate(max);
    out
}

/// The group contrast, in plain words.
pub(super) fn contrasts(ctx: &Context, c: &ConcernOut, max: usize) -> Vec<String> {
    let q = question_of(ctx, c);
    let raised = if q.asks_suggestions { "提出这方面建议" } else { "提到这一问题" };
    group_contrasts(c)
        .into_iter()
        .take(max)
        .map(|(hi, lo)| {
            format!(
                "分{}看，{}有 {} 的{}{raised}，{}只有 {}",
                dimension_word(&hi.dimension_title).trim_matches(['“', '”']),
                hi.group,
                pct_text(hi.share.share),
                ctx.stats.who(std::slice::from_ref(&hi.population)),
                lo.group,
                pct_text(lo.share.share)
            )
        })
        .collect::<Vec<_>>()
        .into_iter()
        .chain((q.populations.len() > 1).then(|| {
            let by: Vec<String> = c
                .by_population
                .iter()
                .map(|b| format!("{}中有 {}", ctx.stats.who(std::slice::from_ref(&b.population)), pct_text(b.share.share)))
                .collect();
            format!("分群体看，{}{raised}", by.join("，"))
        }))
        .collect()
}

/// At most `n` short quotes (the shortest of the concern's, which screening never flagged).
pub(super) fn quotes(c: &ConcernOut, n: usize, several: bool) -> Vec<String> {
    let mut qs: Vec<&crate::model::QuoteOut> = c.quotes.iter().filter(|q| q.text.chars().count() <= 60).collect();
    qs.sort_by_key(|q| q.text.chars().count());
    qs.into_iter()
        .take(n)
        .map(|q| format!("“{}”（{}答卷 {}）", q.text.trim(), if several { q.population.as_str() } else { "" }, q.response_id))
        .collect()
}

/// Openings that carry no content, besides the shared fillers ("觉得", "其实").
pub(super) const OPENINGS: [&str; 2] = ["觉得", "其实"];

/// The clauses of a concern's answers that `keep` accepts, grouped when they say nearly
/// the same thing, the groups said by most people (at least two) first, none sharing most
/// of its words with the concern's name or with a group before it. Answers screening
/// flagged are left out; at most the first 3,000 answers are read.
pub(super) fn clauses(ctx: &Context, c: &ConcernOut, keep: impl Fn(&str) -> bool, max: usize) -> Vec<String> {
    let flagged: std::collections::HashSet<(&str, &str)> = ctx
        .screening
        .populations
        .iter()
        .flat_map(|a| a.flagged.values().flatten().map(move |id| (a.population.as_str(), id.as_str())))
        .collect();
    let mut groups: Vec<(Vec<(char, char)>, String, std::collections::BTreeSet<(&str, &str)>)> = Vec::new();
    let answers = ctx.texts.answers.iter().filter(|a| {
        a.question == c.question
            && a.concern_id == Some(c.concern.id)
            && !flagged.contains(&(a.population.as_str(), a.response_id.as_str()))
    });
    for a in answers.take(3000) {
        for clause in a.text.split(['，', '。', '；', '！', '？', ',', ';', '!', '?', '、', '\n']) {
            let mut t = clause.trim();
            for o in words().answers.fillers.iter().chain(&OPENINGS) {
                t = t.strip_prefix(o).unwrap_or(t).trim_start_matches(['，', ' ']);
            }
            let n = t.chars().count();
            // A clause restating the concern itself ("缺少公园和绿地") says nothing more.
            if !(4..=24).contains(&n) || t.contains(['*', '＊']) || overlaps(t, &c.concern.label) || !clean_clause(t) || !keep(t) {
                continue;
            }
            let b = crate::util::similar::bigrams(t);
            let who = (a.population.as_str(), a.response_id.as_str());
            // At most 2,000 groups are kept apart (bounded work on a huge concern).
            let full = groups.len() >= 2000;
            match groups.iter_mut().find(|g| crate::util::similar::similar(&g.0, &b)) {
                None if full => {}
                Some(g) => {
                    g.2.insert(who);
                    // The shortest wording names the group.
                    if n < g.1.chars().count() {
                        g.1 = t.to_string();
                    }
                }
                None => groups.push((b, t.to_string(), std::iter::once(who).collect())),
            }
        }
    }
    groups.retain(|g| g.2.len() >= 2);
    groups.sort_by(|a, b| b.2.len().cmp(&a.2.len()).then(a.1.cmp(&b.1)));
    let mut out: Vec<String> = Vec::new();
    for g in groups {
        if out.len() == max {
            break;
        }
        if !out.iter().any(|o| overlaps(o, &g.1)) {
            out.push(g.1);
        }
    }
    out
}

pub(super) fn is_cause(t: &str) -> bool {
    words().brief.cause_marks.iter().any(|m| t.contains(m))
}

/// A clause that proposes rather than describes ("建议……", "加强……").
pub(super) fn is_proposal(t: &str) -> bool {
    words().brief.proposal_marks.iter().any(|w| t.contains(w))
        || t.starts_with(['请', '望', '盼'])
        || crate::util::words::opens_with_action(t)
        || words().measures.purpose_openings.iter().any(|v| v.chars().count() > 1 && t.starts_with(v))
}

/// Whether a clause is on the concern's matter: it shares a two-character word with the
/// concern's name or first keywords, and says more than that word alone.
pub(super) fn on_matter(c: &ConcernOut, t: &str) -> bool {
    let words: Vec<&str> = std::iter::once(c.concern.label.as_str()).chain(c.concern.keywords.iter().take(5).map(String::as_str)).collect();
    let shared = words.iter().any(|w| {
        let ch: Vec<char> = w.chars().collect();
        ch.windows(2).any(|p| t.contains(&p.iter().collect::<String>()))
    });
    let rest = words.iter().skip(1).fold(t.to_string(), |acc, w| acc.replace(w, ""));
    // A bare noun ("附近工厂") says nothing about the matter.
    shared && rest.chars().count() >= 2 && (rest.chars().count() >= 3 || t.chars().count() >= 6)
}

/// 原因分析 from the answers themselves: the clauses on the matter that state a cause.
pub(super) fn causes(ctx: &Context, c: &ConcernOut, max: usize) -> Vec<String> {
    clauses(ctx, c, |t| is_cause(t) && !is_proposal(t) && on_matter(c, t), max)
}

/// How the matter shows, from the answers: clauses on the matter that describe (no
/// cause, no proposal).
pub(super) fn symptoms(ctx: &Context, c: &ConcernOut, max: usize) -> Vec<String> {
    clauses(ctx, c, |t| !is_cause(t) && !is_proposal(t) && on_matter(c, t), max)
}

/// Whether two items share most of their words (character bigrams, over the shorter).
pub(super) fn overlaps(a: &str, b: &str) -> bool {
    let (x, y) = (crate::util::similar::bigrams(a), crate::util::similar::bigrams(b));
    if x.is_empty() || y.is_empty() {
        return false;
    }
    let inter = x.iter().filter(|p| y.binary_search(p).is_ok()).count();
    inter as f64 / x.len().min(y.len()) as f64 > 0.5
}

/// A measure for a draft: its text and how many proposed it.
pub(super) struct Proposal {
    pub(super) text: String,
    pub(super) respondents: usize,
}

/// In a wording of a measure, the clause right after it when that clause states a purpose.
pub(super) fn purpose_of(example: &str, measure: &str) -> Option<String> {
    let parts: Vec<&str> = example.split(['，', ',', '；', ';']).map(str::trim).collect();
    let at = parts.iter().position(|p| overlaps(p, measure))?;
    let next = parts.get(at + 1)?.trim_end_matches(['。', '！', '!', '.']);
    let n = next.chars().count();
    let aim = |w: &&str| next.starts_with(*w) && !words().brief.not_aims.contains(w);
    (words().measures.purpose_openings.iter().any(aim) && (4..=16).contains(&n) && !next.contains(['*', '＊'])).then(|| next.to_string())
}

/// The measures proposed on this matter: the concern's own, its companions', then those
/// of the same populations' suggestion concerns that name one of its words; by the
/// number of respondents, none sharing most of its words with one before it.
pub(super) fn proposals(ctx: &Context, m: &Matter) -> Vec<Proposal> {
    let c = m.main;
    let q = question_of(ctx, c);
    let kws: Vec<&str> = c.concern.keywords.iter().take(5).map(String::as_str).filter(|k| k.chars().count() >= 2).collect();
    let mut all: Vec<&Suggestion> = c.concern.measures.iter().chain(m.companions.iter().flat_map(|o| o.concern.measures.iter())).collect();
    for other in ctx.texts.concerns.iter().filter(|o| {
        o.question != q.question
            && !m.companions.iter().any(|x| std::ptr::eq(*x, *o))
            && ctx
                .texts
                .questions
                .iter()
                .any(|x| x.question == o.question && x.asks_suggestions && x.populations.iter().any(|p| q.populations.contains(p)))
    }) {
        all.extend(other.concern.measures.iter().filter(|s| kws.iter().any(|k| s.text.contains(k))));
    }
    all.sort_by(|a, b| b.respondents.cmp(&a.respondents).then(a.text.cmp(&b.text)));
    let mut out: Vec<Proposal> = Vec::new();
    for s in all {
        let raw = s.text.trim_end_matches(['。', '；', '，', '！', '.', ';', ',']);
        let t = actionable(raw);
        // An appeal ("领导重视一下") or a report of what was done ("增加了") proposes nothing.
        let appeal = words().brief.appeal_words.iter().any(|w| raw.contains(w))
            || raw.chars().nth(2) == Some('了')
            || raw.chars().nth(1) == Some('了');
        if raw.chars().count() >= 6 && !appeal && clean_clause(raw) && !out.iter().any(|u| overlaps(&u.text, &t)) {
            // The purpose a respondent gave with it ("……，提高污水处理能力"), when one did.
            let purpose = s.examples.iter().chain([&s.text]).find_map(|e| purpose_of(e, &s.text));
            let text = match purpose {
                Some(p) if !out.iter().any(|u| overlaps(&u.text, &p)) => format!("{t}，{p}"),
                _ => t,
            };
            out.push(Proposal { text, respondents: s.respondents });
        }
    }
    // What one person alone proposed is left out when enough were proposed by several.
    if out.iter().filter(|p| p.respondents >= 2).count() >= 3 {
        out.retain(|p| p.respondents >= 2);
    }
    out
}

/// The one chart that carries the draft's case: the closed item it relies on, else the
/// question's concerns.
pub(super) fn figure(ctx: &Context, c: &ConcernOut, closed: &[(String, ChartId)]) -> Option<DraftFigure> {
    let q = question_of(ctx, c);
    let wanted = closed.first().map(|x| x.1.clone()).into_iter().chain([ChartId::Concerns { question: c.question.clone() }]);
    for id in wanted {
        if let Some(ch) = ctx.charts.iter().find(|ch| ch.id == id) {
            let caption = match &id {
                ChartId::Question { population, .. } => {
                    let t = ctx
                        .stats
                        .questions
                        .iter()
                        .find(|s| ChartId::Question { population: s.population.clone(), question: s.id.clone() } == id);
                    format!("附图　{population}问卷“{}”的回答分布", t.map(|s| plain(&s.title)).unwrap_or_default())
                }
                _ => format!("附图　“{}”的回答中各类{}的提及比例", plain(&q.title), if q.asks_suggestions { "建议" } else { "问题" }),
            };
            return Some(DraftFigure {
                caption,
                png: ch.png.clone(),
                width: ch.width,
                height: ch.height,
                file: format!("{}.png", ch.name()),
            });
        }
    }
    None
}
