//! Properties of ingest on random tables: every non-blank data row is read (none lost,
//! none invented), and every question accounts for every row as valid or missing.

mod common;

use common::TestEnv;
use proptest::prelude::*;

const CELLS: [&str; 14] =
    ["", "(跳过)", "(空)", "男", "女", "满意", "一般", "不满意", "1", "23", "A┋B", "其他〖河边〗", "很长的一段意见，说了很多", "=1+1"];

fn table() -> impl Strategy<Value = Vec<Vec<usize>>> {
    (1usize..6).prop_flat_map(|cols| prop::collection::vec(prop::collection::vec(0..CELLS.len(), cols), 1..40))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    #[test]
    fn ingest_keeps_every_row(rows in table()) {
        let env = TestEnv::new();
        let cols = rows[0].len();
        let mut w = csv::Writer::from_writer(Vec::new());
        let header: Vec<String> = (0..cols).map(|c| format!("{}、第{}题", c + 1, c + 1)).collect();
        w.write_record(&header).unwrap();
        for r in &rows {
            w.write_record(r.iter().map(|&i| CELLS[i])).unwrap();
        }
        let path = env.write("随机.csv", &w.into_inner().unwrap());
        let non_blank = rows.iter().filter(|r| r.iter().any(|&i| !CELLS[i].is_empty())).count();
        match minyi::ingest::ingest_paths(&[path]) {
            Ok(ing) => {
                let p = &ing.survey.populations[0];
                prop_assert_eq!(p.height(), non_blank);
                prop_assert_eq!(p.source.rows_read + p.source.blank_rows, rows.len());
                let ids = p.ids().unwrap();
                let mut unique = ids.clone();
                unique.sort();
                unique.dedup();
                prop_assert_eq!(unique.len(), ids.len());
                for q in &p.questions {
                    for f in &q.fields {
                        prop_assert_eq!(p.statuses(f).unwrap().len(), p.height());
                    }
                }
            }
            // Only an all-blank table may fail, and then with "no data".
            Err(e) => {
                prop_assert_eq!(non_blank, 0, "{}", e);
                prop_assert!(e.to_string().contains("没有任何答卷数据"), "{}", e);
            }
        }
    }
}
