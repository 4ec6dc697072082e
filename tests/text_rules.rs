//! What the text stage reads: the "其他" texts of a question about the respondent
//! (occupation, industry, district …) describe the person and are never analysed as
//! concerns; those of a question asking for a view are, even when it names an industry.

mod common;

use common::TestEnv;
use minyi::model::{ScreenOptions, TextOptions, TextSource};

#[test]
fn other_texts_of_a_question_about_the_respondent_are_no_concerns() {
    let env = TestEnv::new();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["序号", "1、您的职业", "2、您认为哪个行业的污染问题最突出", "3、您对小区环境满意吗？"]).unwrap();
    let jobs = ["外卖骑手", "自由职业", "网约车司机", "个体户"];
    let views = ["夜间工地噪声扰民", "河道漂浮垃圾多", "餐饮油烟扰民", "宠物粪便没人清理"];
    for i in 0..80 {
        let job = if i % 2 == 0 { format!("其他〖{}〗", jobs[i % 4]) } else { ["企业职工", "退休"][i % 4 / 2].to_string() };
        let view = if i % 2 == 1 { format!("其他〖{}〗", views[i % 4]) } else { ["空气污染", "水污染"][i % 4 / 2].to_string() };
        w.write_record([(i + 1).to_string(), job, view, ["满意", "一般", "不满意"][i % 3].to_string()]).unwrap();
    }
    let path = env.write("问卷.csv", &w.into_inner().unwrap());
    let survey = minyi::ingest::ingest_paths(&[path]).unwrap().survey;
    let (analysed, screening) = minyi::clean::screen(&survey, &ScreenOptions::default()).unwrap();
    let seg = minyi::text::segment::Segmenter::new();
    let texts =
        minyi::text::analyse(&analysed, &screening, &seg, &minyi::text::departments::Taxonomy::shipped(), &TextOptions::default()).unwrap();
    let read: Vec<(&str, TextSource)> = texts.questions.iter().map(|q| (q.question.as_str(), q.source)).collect();
    assert_eq!(read, [("q2#other", TextSource::Other)], "only the view's 其他 texts are read");
    assert!(texts.concerns.iter().all(|c| c.question == "q2#other"));
    // The occupations are still there to list: the column of 其他 texts of q1 exists.
    let p = &analysed.populations[0];
    assert!(p.question("q1").unwrap().other_text.is_some());
}
