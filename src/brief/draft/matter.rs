//! What a draft is written on: its matter (a concern, with the suggestion concerns on the
//! same matter whose measures it carries), which matters get a draft, and what a draft may
//! draw on besides.

use crate::model::{Chart, ConcernOut, OpenQuestion, Screening, Stats, TextResults, TextSource};

/// What a draft may draw on besides its matter.
pub(super) struct Context<'a> {
    pub(super) stats: &'a Stats,
    pub(super) screening: &'a Screening,
    pub(super) texts: &'a TextResults,
    pub(super) charts: &'a [Chart],
    pub(super) period: Option<String>,
}

/// One matter a draft is written on (一事一案): a concern, and the concerns of a
/// suggestion question on the same matter, whose measures it carries.
pub(super) struct Matter<'a> {
    pub main: &'a ConcernOut,
    pub companions: Vec<&'a ConcernOut>,
}

/// A concern is a candidate when at least this share of those answering raised it.
pub(super) const MIN_SHARE: f64 = 10.0;

/// Whether two concerns (of different questions) are on the same matter: filed under the
/// same subcategory of the taxonomy and sharing a characteristic word, or sharing two.
pub(super) fn same_matter(a: &ConcernOut, b: &ConcernOut) -> bool {
    let ka: Vec<&str> = a.concern.keywords.iter().take(6).map(String::as_str).collect();
    let shared = b.concern.keywords.iter().take(6).filter(|k| ka.contains(&k.as_str())).count();
    let sub = !a.department.sub.is_empty() && a.department.sub == b.department.sub;
    (sub && shared >= 1) || shared >= 2
}

/// The matters drafts are written on. Candidates are the named concerns of every
/// free-text question (problems and suggestions) raised by at least 10% of those who
/// answered; a suggestion question's concern on the same matter as a problem concern of
/// the same population joins that one's draft. Then populations take turns, each in the
/// order of its respondents, the population with the largest matter first.
pub(super) fn matters(texts: &TextResults, max: usize) -> Vec<Matter<'_>> {
    let asks = |c: &ConcernOut| texts.questions.iter().any(|q| q.question == c.question && q.asks_suggestions);
    let pops_of = |c: &ConcernOut| -> Vec<String> {
        texts.questions.iter().find(|q| q.question == c.question).map(|q| q.populations.clone()).unwrap_or_default()
    };
    // A worded question asking for neither problems nor suggestions carries no matter to
    // propose on.
    let open = |c: &&ConcernOut| {
        c.concern.id > 0
            && c.concern.share.share >= MIN_SHARE
            && texts.questions.iter().any(|q| q.question == c.question && q.source == TextSource::Open && q.carries_matters())
    };
    let mut candidates: Vec<&ConcernOut> = texts.concerns.iter().filter(open).collect();
    candidates.sort_by(|a, b| b.concern.share.respondents.cmp(&a.concern.share.respondents).then(a.question.cmp(&b.question)));
    let mut all: Vec<Matter> = candidates.iter().filter(|c| !asks(c)).map(|&c| Matter { main: c, companions: Vec::new() }).collect();
    for &s in candidates.iter().filter(|c| asks(c)) {
        let home =
            all.iter_mut().find(|m| !asks(m.main) && pops_of(m.main).iter().any(|p| pops_of(s).contains(p)) && same_matter(m.main, s));
        match home {
            Some(m) => m.companions.push(s),
            None => all.push(Matter { main: s, companions: Vec::new() }),
        }
    }
    all.sort_by(|a, b| b.main.concern.share.respondents.cmp(&a.main.concern.share.respondents));
    // Populations take turns.
    let mut queues: Vec<(String, Vec<Matter>)> = Vec::new();
    for m in all {
        let p = pops_of(m.main).first().cloned().unwrap_or_default();
        match queues.iter_mut().find(|(q, _)| *q == p) {
            Some((_, v)) => v.push(m),
            None => queues.push((p, vec![m])),
        }
    }
    let mut out = Vec::new();
    let mut iters: Vec<std::vec::IntoIter<Matter>> = queues.into_iter().map(|(_, v)| v.into_iter()).collect();
    while out.len() < max {
        let before = out.len();
        for it in iters.iter_mut() {
            if out.len() < max {
                out.extend(it.next());
            }
        }
        if out.len() == before {
            break;
        }
    }
    out
}

pub(super) fn question_of<'a>(ctx: &Context<'a>, c: &ConcernOut) -> &'a OpenQuestion {
    ctx.texts.questions.iter().find(|q| q.question == c.question).expect("a concern belongs to a question of the same results")
}
