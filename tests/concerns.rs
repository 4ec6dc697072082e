//! Concern discovery on the samples: the planted concerns are recovered, every answer is
//! accounted for, and the result depends neither on the run nor on the input order.

mod common;

use minyi::model::Code;
use minyi::text::concerns::{find, ConcernOpts, Found, Status};
use minyi::text::metrics;
use minyi::text::segment::Segmenter;
use std::collections::HashMap;
use std::sync::OnceLock;

fn seg() -> &'static Segmenter {
    static S: OnceLock<Segmenter> = OnceLock::new();
    S.get_or_init(Segmenter::new)
}

/// Planted primary concern per (response id, question) from the generator's truth.
fn truth(file: &str) -> HashMap<(String, String), String> {
    let text = std::fs::read_to_string(common::repo().join(format!("data/samples/truth/{file}.open-answers.csv"))).unwrap();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let first = f.get(3)?.split(';').next()?.to_string();
            (!first.is_empty()).then(|| ((f[0].to_string(), format!("q{}", f[1])), first))
        })
        .collect()
}

/// The answers of one open question of a sample, with their response ids.
fn answers(path: &str, qid: &str) -> (Vec<Option<String>>, Vec<String>) {
    let survey = minyi::ingest::ingest_paths(&[common::repo().join("data/samples").join(path)]).unwrap().survey;
    let p = &survey.populations[0];
    let q = p.question(qid).unwrap();
    let texts = p.texts(&q.fields[0].column).unwrap().iter().map(|v| v.map(str::to_string)).collect();
    (texts, p.ids().unwrap())
}

fn run(texts: &[Option<String>], opts: &ConcernOpts) -> Found {
    let refs: Vec<Option<&str>> = texts.iter().map(|t| t.as_deref()).collect();
    find(&refs, seg(), opts)
}

const QUESTIONS: [(&str, &str, &str); 3] =
    [("市民问卷.xlsx", "市民问卷", "q11"), ("市民问卷.xlsx", "市民问卷", "q12"), ("园区问卷.xlsx", "园区问卷", "q9")];

#[test]
fn planted_concerns_are_recovered() {
    for (path, file, qid) in QUESTIONS {
        let (texts, ids) = answers(path, qid);
        let (ari, named) = recovery(&texts, &ids, file, qid, &ConcernOpts::default());
        eprintln!("{file} {qid}: ARI {ari:.3}, {named} named concerns");
        assert!(ari >= 0.8, "{file} {qid}: ARI {ari:.3} against the planted concerns");
    }
}

/// ARI of the primary concerns against the planted ones, and the number of named concerns.
fn recovery(texts: &[Option<String>], ids: &[String], file: &str, qid: &str, opts: &ConcernOpts) -> (f64, usize) {
    let found = run(texts, opts);
    let t = truth(file);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let mut names: Vec<String> = Vec::new();
    for (i, asg) in found.assignments.iter().enumerate() {
        if let (Status::Answer, Some(c), Some(tr)) = (asg.status, asg.primary, t.get(&(ids[i].clone(), qid.to_string()))) {
            let k = names.iter().position(|n| n == tr).unwrap_or_else(|| {
                names.push(tr.clone());
                names.len() - 1
            });
            a.push(c);
            b.push(k);
        }
    }
    (metrics::ari(&a, &b), found.concerns.iter().filter(|c| c.id > 0).count())
}

/// The number of concerns is chosen by a rule, not by luck: whatever the seed, about the
/// six planted concerns come out (the old divergence threshold gave 1 to 15 on these
/// questions depending on the seed).
#[test]
fn the_number_of_concerns_holds_across_seeds() {
    for (path, file, qid) in QUESTIONS {
        let (texts, ids) = answers(path, qid);
        let mut aris = Vec::new();
        for seed in 1..=5u64 {
            let (ari, k) = recovery(&texts, &ids, file, qid, &ConcernOpts { seed, ..Default::default() });
            eprintln!("{file} {qid} seed {seed}: ARI {ari:.3}, {k} named");
            assert!((5..=10).contains(&k), "{file} {qid} seed {seed}: {k} named concerns for 6 planted");
            assert!(ari >= 0.6, "{file} {qid} seed {seed}: ARI {ari:.3}");
            aris.push(ari);
        }
        let mean = aris.iter().sum::<f64>() / aris.len() as f64;
        assert!(mean >= 0.75, "{file} {qid}: mean ARI {mean:.3} over seeds 1–5");
    }
}

#[test]
fn every_answer_is_accounted_for() {
    for (path, _, qid) in QUESTIONS {
        let (texts, _) = answers(path, qid);
        let found = run(&texts, &ConcernOpts::default());
        // Shares are of answering respondents; non-answers and blanks are counted apart.
        assert_eq!(found.answered + found.non_answers + found.empty, texts.len());
        assert!(found.non_answers > 0 && found.empty > 0, "the samples plant both");
        let named = found.concerns.iter().filter(|c| c.id > 0).count();
        assert!((2..=15).contains(&named), "{qid}: {named} named concerns");
        for c in &found.concerns {
            let s = &c.share;
            assert!((s.share - s.respondents as f64 * 100.0 / found.answered as f64).abs() < 1e-9);
            assert!(s.ci_low <= s.share && s.share <= s.ci_high);
            // Respondents of a concern are exactly the answers that raise it.
            assert_eq!(s.respondents, found.assignments.iter().filter(|a| a.all.contains(&c.id)).count(), "{qid} concern {}", c.id);
            assert!(!c.quotes.is_empty() && c.quotes.len() <= 5, "{qid} concern {}: {} quotes", c.id, c.quotes.len());
            // Quotes are redacted: no phone number (a run of 11 digits) survives.
            let longest_digits = |q: &str| q.split(|ch: char| !ch.is_ascii_digit()).map(str::len).max().unwrap_or(0);
            assert!(c.quotes.iter().all(|q| longest_digits(&q.text) < 11), "{:?}", c.quotes);
            // Each quote comes from an answer raising this concern.
            assert!(c.quotes.iter().all(|q| found.assignments[q.answer].all.contains(&c.id)));
        }
        // Every answering respondent has a primary concern (possibly the remainder) among all.
        for a in found.assignments.iter().filter(|a| a.status == Status::Answer) {
            let p = a.primary.unwrap();
            assert!(a.all.contains(&p), "{a:?}");
        }
        // Multi-label: some answers raise two or more concerns.
        assert!(found.assignments.iter().filter(|a| a.all.len() > 1).count() > texts.len() / 10);
    }
}

#[test]
fn same_seed_same_concerns_and_input_order_does_not_matter() {
    let (texts, _) = answers("市民问卷.xlsx", "q11");
    let opts = ConcernOpts::default();
    let a = run(&texts, &opts);
    let b = run(&texts, &opts);
    assert_eq!(a.assignments, b.assignments);
    assert_eq!(a.concerns, b.concerns);
    // A fixed permutation (reversal of interleaved halves).
    let n = texts.len();
    let perm: Vec<usize> = (0..n).rev().filter(|i| i % 2 == 0).chain((0..n).filter(|i| i % 2 == 1)).collect();
    let shuffled: Vec<Option<String>> = perm.iter().map(|&i| texts[i].clone()).collect();
    let c = run(&shuffled, &opts);
    for (k, &i) in perm.iter().enumerate() {
        assert_eq!(c.assignments[k], a.assignments[i], "answer {i}");
    }
    let summary = |f: &Found| f.concerns.iter().map(|c| (c.id, c.label.clone(), c.share.respondents)).collect::<Vec<_>>();
    assert_eq!(summary(&c), summary(&a));
    let quotes = |f: &Found| f.concerns.iter().map(|c| c.quotes.iter().map(|q| q.text.clone()).collect::<Vec<_>>()).collect::<Vec<_>>();
    assert_eq!(quotes(&c), quotes(&a));
}

#[test]
fn forced_k_and_the_codebook() {
    let (texts, _) = answers("市民问卷.xlsx", "q11");
    let found = run(&texts, &ConcernOpts { k: Some(4), ..Default::default() });
    assert!(found.discovered <= 4, "{}", found.discovered);
    // A codebook concern takes every clause with its seed words, whatever discovery finds.
    let code = Code { name: "噪声扰民".into(), words: vec!["噪声".into(), "噪音".into(), "吵".into()] };
    let found = run(&texts, &ConcernOpts { codebook: vec![code], ..Default::default() });
    let noise = found.concerns.iter().find(|c| c.codebook).expect("the codebook concern is named");
    assert_eq!(noise.label, "噪声扰民");
    let by_hand = texts
        .iter()
        .zip(&found.assignments)
        .filter(|(t, a)| a.status == Status::Answer && t.as_deref().is_some_and(|t| ["噪声", "噪音", "吵"].iter().any(|w| t.contains(w))))
        .count();
    // NFKC may turn a full-width answer into one that matches; never fewer.
    assert!(noise.share.respondents >= by_hand, "{} < {by_hand}", noise.share.respondents);
    assert!(!found.concerns.iter().any(|c| !c.codebook && c.keywords.first().is_some_and(|k| k == "噪声")));
}

/// Answers screening flagged for a look are counted but never quoted, even when they
/// are the closest to their concern's centre.
#[test]
fn flagged_answers_are_never_quoted() {
    let (texts, _) = answers("市民问卷.xlsx", "q11");
    // Every other answer flagged.
    let unquotable: Vec<bool> = (0..texts.len()).map(|i| i % 2 == 0).collect();
    let all = run(&texts, &ConcernOpts::default());
    let some = run(&texts, &ConcernOpts { unquotable: unquotable.clone(), ..Default::default() });
    // The shares do not change: flagged answers still count.
    let shares = |f: &Found| f.concerns.iter().map(|c| (c.id, c.share.respondents)).collect::<Vec<_>>();
    assert_eq!(shares(&all), shares(&some));
    let quoted: Vec<usize> = some.concerns.iter().flat_map(|c| c.quotes.iter().map(|q| q.answer)).collect();
    assert!(!quoted.is_empty());
    assert!(quoted.iter().all(|&a| !unquotable[a]), "a flagged answer was quoted");
    // Without the flags some quotes were flagged answers (the test would otherwise prove nothing).
    assert!(all.concerns.iter().flat_map(|c| &c.quotes).any(|q| unquotable[q.answer]));
}

/// A concern is named by a phrase its own answers contain (at least three of them), no
/// two concerns of a question share a name, and no name holds a placeholder or stands
/// as a lone character.
#[test]
fn names_are_phrases_of_their_answers_and_unique() {
    for (path, _, qid) in QUESTIONS {
        let (texts, _) = answers(path, qid);
        let found = run(&texts, &ConcernOpts::default());
        let named: Vec<_> = found.concerns.iter().filter(|c| c.id > 0).collect();
        let mut labels: Vec<&str> = named.iter().map(|c| c.label.as_str()).collect();
        for c in &named {
            let n = c.label.chars().count();
            assert!((4..=12).contains(&n), "{qid}: {:?}", c.label);
            assert!(!c.label.contains('[') && !c.label.contains('、'), "{qid}: {:?} is not a phrase", c.label);
            let using = found
                .assignments
                .iter()
                .enumerate()
                .filter(|(i, a)| a.all.contains(&c.id) && texts[*i].as_deref().is_some_and(|t| t.contains(c.label.as_str())))
                .count();
            assert!(using >= 3, "{qid}: {:?} is written in {using} of its answers", c.label);
        }
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), named.len(), "{qid}: names repeat");
    }
}

/// Corrections (as explorer.html exports them) replayed on the same answers: the merged,
/// split, dropped and moved answers end where the steps say, under the names given, and
/// every other answer keeps its concerns. The expectation is worked out here on sets of
/// concern keys, not by the replay's own list operations.
#[test]
fn corrections_replay_exactly_and_touch_nothing_else() {
    use minyi::model::{CorrectedConcern, Correction, Step};
    use minyi::text::corrections::Fix;
    use std::collections::BTreeSet;
    let (texts, _) = answers("市民问卷.xlsx", "q11");
    let before = run(&texts, &ConcernOpts::default());
    let key_of = |f: &Found, id: usize| f.concerns.iter().find(|c| c.id == id).map(|c| c.key.clone()).unwrap();
    let keys = |f: &Found, i: usize| -> BTreeSet<String> { f.assignments[i].all.iter().map(|&id| key_of(f, id)).collect() };
    let named: Vec<String> = before.concerns.iter().filter(|c| c.id > 0).map(|c| c.key.clone()).collect();
    assert!(named.len() >= 5, "{named:?}");
    let (into, from, split, dropped, target) = (&named[0], &named[1], &named[2], &named[3], &named[4]);
    // Split by a word some but not all of the concern's answers contain.
    let members: Vec<usize> = (0..texts.len()).filter(|&i| keys(&before, i).contains(split)).collect();
    let has = |i: usize, w: &str| texts[i].as_deref().is_some_and(|t| t.contains(w));
    let word = before.concerns.iter().find(|c| &c.key == split).unwrap().keywords.iter().find(|w| {
        let n = members.iter().filter(|&&i| has(i, w)).count();
        n > 5 && n < members.len() / 2
    });
    let word = word.expect("a keyword of part of the concern").clone();
    // Two moves: an answer of `into` alone to `target`, one of `target` alone to the remainder.
    let alone = |k: &String| (0..texts.len()).find(|&i| keys(&before, i) == BTreeSet::from([k.clone()])).unwrap();
    let (m1, m2) = (alone(into), alone(target));
    let mv = |i: usize, from: &str, to: &str| Step::Move {
        population: "市民".into(),
        response: format!("r{i}"),
        from: from.into(),
        to: to.into(),
    };
    let correction = Correction {
        question: "q11".into(),
        title: String::new(),
        fingerprint: before.fingerprint.clone(),
        concerns: vec![
            CorrectedConcern { key: into.clone(), name: "工厂废气异味扰民".into(), words: vec![], seed: false },
            CorrectedConcern { key: "n1".into(), name: "拆出的一类".into(), words: vec![word.clone()], seed: false },
        ],
        steps: vec![
            Step::Merge { from: from.clone(), into: into.clone() },
            Step::Split { from: split.clone(), word: word.clone(), new: "n1".into() },
            Step::Drop { concern: dropped.clone() },
            mv(m1, into, target),
            mv(m2, target, "rest"),
        ],
    };
    let answers_of_steps = correction
        .steps
        .iter()
        .map(|s| {
            if s == &correction.steps[3] {
                Some(m1)
            } else if s == &correction.steps[4] {
                Some(m2)
            } else {
                None
            }
        })
        .collect();
    let fix = Fix { correction: correction.clone(), answers: answers_of_steps };
    let after = run(&texts, &ConcernOpts { fix: Some(fix.clone()), ..Default::default() });
    let applied = after.applied.clone().unwrap();
    assert!(applied.exact && applied.steps == 5 && applied.skipped.is_empty(), "{applied:?}");
    assert_eq!(after.fingerprint, before.fingerprint, "the fingerprint does not depend on the corrections");

    let mut changed = 0;
    for i in 0..texts.len() {
        if before.assignments[i].status != Status::Answer {
            assert_eq!(after.assignments[i], before.assignments[i]);
            continue;
        }
        let mut want: BTreeSet<String> = keys(&before, i).into_iter().map(|k| if &k == from { into.clone() } else { k }).collect();
        if want.contains(split) && has(i, &word) {
            want.remove(split);
            want.insert("n1".into());
        }
        want.remove(dropped);
        if i == m1 {
            want = BTreeSet::from([target.clone()]);
        }
        if i == m2 {
            want = BTreeSet::new();
        }
        if want.is_empty() {
            want.insert("rest".into());
        }
        assert_eq!(keys(&after, i), want, "answer {i}: {:?}", texts[i]);
        if want != keys(&before, i) {
            changed += 1;
        } else {
            assert_eq!(key_of(&after, after.assignments[i].primary.unwrap()), key_of(&before, before.assignments[i].primary.unwrap()));
        }
    }
    assert!(changed > 100, "{changed}");
    let label = |k: &str| after.concerns.iter().find(|c| c.key == k).map(|c| c.label.clone());
    assert_eq!(label(into).as_deref(), Some("工厂废气异味扰民"));
    assert_eq!(label("n1").as_deref(), Some("拆出的一类"));
    assert_eq!((label(from), label(dropped)), (None, None));
    // Untouched concerns keep their names; every name is different.
    for c in before.concerns.iter().filter(|c| c.id > 0 && ![into, from, split, dropped, target].contains(&&c.key)) {
        assert_eq!(label(&c.key), Some(c.label.clone()));
    }
    let names: BTreeSet<String> = after.concerns.iter().map(|c| c.label.clone()).collect();
    assert_eq!(names.len(), after.concerns.len());
    // Counts are of the answers placed.
    for c in &after.concerns {
        assert_eq!(c.share.respondents, after.assignments.iter().filter(|a| a.all.contains(&c.id)).count(), "{}", c.label);
    }

    // Made on other answers (another fingerprint): not replayed; the named concerns seed
    // like a codebook.
    let mut other = fix;
    other.correction.fingerprint = "0000000000000000".into();
    let seeded = run(&texts, &ConcernOpts { fix: Some(other), ..Default::default() });
    assert!(!seeded.applied.as_ref().unwrap().exact);
    let split_off = seeded.concerns.iter().find(|c| c.label == "拆出的一类").expect("seeded by its word");
    assert!(split_off.codebook && split_off.share.respondents >= members.iter().filter(|&&i| has(i, &word)).count().min(1));
    // The moves into seeded concerns are kept (as moves from where the answer was).
    assert_eq!(seeded.applied.as_ref().unwrap().steps, 0, "both moves went to concerns without words: {:?}", seeded.applied);

    // Corrections made on the seeded run (its carried correction, plus a merge) replay
    // exactly on it: the seeds come back, and so does every key.
    let mut next = seeded.carried.clone().expect("the seeds are carried");
    assert!(next.concerns.iter().all(|c| c.seed) && next.fingerprint == seeded.fingerprint);
    let shown: Vec<String> = seeded.concerns.iter().filter(|c| c.id > 0).map(|c| c.key.clone()).collect();
    next.steps.push(Step::Merge { from: shown[1].clone(), into: shown[0].clone() });
    let n = next.steps.len();
    let again = run(&texts, &ConcernOpts { fix: Some(Fix { correction: next, answers: vec![None; n] }), ..Default::default() });
    assert!(again.applied.as_ref().unwrap().exact, "{:?}", again.applied);
    for i in 0..texts.len() {
        let want: BTreeSet<String> = keys(&seeded, i).into_iter().map(|k| if k == shown[1] { shown[0].clone() } else { k }).collect();
        assert_eq!(keys(&again, i), want, "answer {i}");
    }
}

/// Long messages (about one matter each, wrapped in greetings, places and pleas) are
/// anchored by the taxonomy's filing and come out grouped by their matter; the same
/// matters written as short answers are left to discovery alone (no anchors).
#[test]
fn long_messages_are_grouped_by_their_matter() {
    use minyi::text::departments::Taxonomy;
    let matters: [[&str; 3]; 4] = [
        ["孩子所在学校的老师长期有偿补课", "学校食堂收费偏高，学生吃不饱", "小学招生划片不公开，家长无从查询"],
        ["附近化工厂夜间偷排废气，污染严重", "河道被工厂排污染黑，环保局一直不管", "搅拌站粉尘污染，空气质量很差"],
        ["公司拖欠职工工资已经半年", "单位不给员工缴纳社保，劳动合同也不签", "退休人员养老金迟迟没有到账"],
        ["医院医生收红包，看病难看病贵", "人民医院乱收检查费，患者负担很重", "社区卫生院缺少医生，老人就医不便"],
    ];
    // Who writes, independent of the matter: what a model of the words alone may group by.
    let situations = [
        "我是一名在外打工多年的农民工，家里老人孩子都靠我一个人的收入养活，生活非常困难",
        "我是退伍军人，现在在小区做保安，每月收入不高，家里还有生病的老人需要照顾",
        "我是个体户，在菜市场卖菜十几年了，每天起早贪黑，一家人的生计全靠这个小摊",
        "我是大学刚毕业的年轻人，在城中村租房子住，刚刚找到工作，对这里还不太熟悉",
    ];
    let mut texts: Vec<Option<String>> = Vec::new();
    let mut truth: Vec<usize> = Vec::new();
    for i in 0..240 {
        let m = i % 4;
        texts.push(Some(format!(
            "尊敬的领导：您好！我是A{}市B{}区的居民，{}。今天写信向您反映一个问题：{}。{}。这件事情已经持续了很长时间，我们多次向有关部门反映都没有结果，希望领导重视，尽快调查处理，谢谢！",
            i % 7,
            i % 5,
            situations[(i / 4) % 4],
            matters[m][i % 3],
            matters[m][(i / 3 + 1) % 3]
        )));
        truth.push(m);
    }
    let all: Vec<&str> = texts.iter().map(|t| t.as_deref().unwrap()).collect();
    let tax = Taxonomy::shipped();
    let filed = tax.classify_all(&all, |x| seg().cut(x).into_iter().map(str::to_string).collect());
    let hints = minyi::text::matter_hints(&filed, &all);
    let anchored = hints.iter().filter(|h| h.is_some()).count();
    assert!(anchored * 2 >= texts.len(), "most messages are filed with confidence: {anchored}");
    let opts = ConcernOpts { k: Some(4), hints, one_matter: true, ..Default::default() };
    let found = run(&texts, &opts);
    let primary: Vec<usize> = found.assignments.iter().map(|a| a.primary.unwrap()).collect();
    let ari = metrics::ari(&primary, &truth);
    assert!(ari >= 0.8, "ARI {ari:.3} of the long messages against their matters");
    // One matter a message: the shares add up to the whole.
    assert!(found.assignments.iter().all(|a| a.all.len() == 1));
    assert_eq!(found.concerns.iter().map(|c| c.share.respondents).sum::<usize>(), texts.len());
    // Short answers on the same matters: no anchors.
    let short: Vec<&str> = (0..240).map(|i| matters[i % 4][i % 3]).collect();
    let filed = tax.classify_all(&short, |x| seg().cut(x).into_iter().map(str::to_string).collect());
    assert!(minyi::text::matter_hints(&filed, &short).is_empty());
}

/// Denials and praise among problem answers: a generated question of 920 answers — 700
/// problems in three planted concerns (noise, rubbish, parking; their wordings vary), 150
/// denials ("没有噪声问题", "停车不难", "一般，不会有异味"), 70 praise ("垃圾清运很及时"). At
/// most 5 % of the denials and praise land in a problem concern, and each planted
/// problem's count is recovered within 3 % of its truth.
#[test]
fn denials_and_praise_are_in_no_problem_concern() {
    let noise = ["晚上工地施工噪声太大", "货车经过噪声很大影响休息", "广场舞音响太吵", "夜间施工噪音扰民", "楼下商铺噪声扰民"];
    let rubbish = ["垃圾清运不及时堆在路边", "垃圾分类形同虚设", "垃圾桶满了没人清", "小区垃圾堆放发臭", "垃圾站臭气熏天"];
    let parking = ["外来车辆占用车位", "小区停车位太少", "晚上回来没地方停车", "停车收费太贵", "消防通道被车堵住"];
    let denials = [
        "没有噪声问题",
        "停车不难",
        "一般，不会有异味",
        "没什么问题",
        "小区没有乱停车的现象",
        "基本没有噪音",
        "目前没有发现垃圾乱扔的情况",
        "晚上不吵",
    ];
    let praise = ["垃圾清运很及时", "停车还可以", "小区环境挺好的", "物业服务比较满意", "绿化不错"];
    let mut texts: Vec<Option<String>> = Vec::new();
    let mut truth: Vec<&str> = Vec::new();
    for i in 0..920usize {
        let (t, kind) = match i % 46 {
            0..=11 => (noise[i % noise.len()], "noise"),
            12..=23 => (rubbish[(i / 3) % rubbish.len()], "rubbish"),
            24..=34 => (parking[(i / 7) % parking.len()], "parking"),
            35..=41 => (denials[i % denials.len()], "none"),
            42..=43 => (praise[i % praise.len()], "none"),
            // Problems said after praise: a problem all the same.
            _ => (
                if i % 2 == 0 {
                    "环境还行，就是晚上施工噪声太大"
                } else {
                    "绿化挺好的，不过垃圾桶满了没人清"
                },
                if i % 2 == 0 { "noise" } else { "rubbish" },
            ),
        };
        texts.push(Some(t.to_string()));
        truth.push(kind);
    }
    // The concerns are given (a codebook), so that what is measured is the stance alone.
    let code = |name: &str, words: &[&str]| Code { name: name.into(), words: words.iter().map(|w| w.to_string()).collect() };
    let codebook = vec![
        code("噪声扰民", &["噪声", "噪音", "吵"]),
        code("垃圾清运与堆放", &["垃圾"]),
        code("停车难", &["停车", "车位", "车辆", "消防通道"]),
    ];
    let found = run(&texts, &ConcernOpts { codebook, ..Default::default() });
    let said_no = (0..texts.len()).filter(|&i| truth[i] == "none").count();
    let wrongly_placed = (0..texts.len()).filter(|&i| truth[i] == "none" && found.assignments[i].status == Status::Answer).count();
    assert!(wrongly_placed * 20 <= said_no, "{wrongly_placed} of {said_no} denials and praise were placed in a concern");
    assert_eq!(found.no_problem + found.praise, said_no - wrongly_placed);
    // Each planted problem: its answers' main concern, and that concern's count.
    for kind in ["noise", "rubbish", "parking"] {
        let mine: Vec<usize> = (0..texts.len()).filter(|&i| truth[i] == kind).collect();
        let mut votes: HashMap<usize, usize> = HashMap::new();
        for &i in &mine {
            if let Some(p) = found.assignments[i].primary {
                *votes.entry(p).or_default() += 1;
            }
        }
        let (&id, _) = votes.iter().max_by_key(|(id, n)| (**n, std::cmp::Reverse(**id))).unwrap();
        let c = found.concerns.iter().find(|c| c.id == id).unwrap();
        let got = c.share.respondents as f64;
        assert!(
            (got - mine.len() as f64).abs() <= 0.03 * mine.len() as f64,
            "{kind}: concern “{}” has {got}, planted {}",
            c.label,
            mine.len()
        );
    }
}
