//! The raw table of one sheet: header row detection and compact column storage.
//!
//! Readers push rows of text cells into a [`GridBuilder`]; it keeps the first rows
//! aside to find the header (title rows, blank rows and two-level merged headers
//! above it are recognised), then stores every later cell column by column in one
//! string buffer per column, so a large CSV is held once, compactly.

/// One column of raw cells: cell `i` is `buf[ends[i-1]..ends[i]]`.
#[derive(Debug, Clone, Default)]
pub struct RawColumn {
    buf: String,
    ends: Vec<u32>,
}

impl RawColumn {
    fn push(&mut self, s: &str) -> Result<(), ()> {
        self.buf.push_str(s);
        let end = u32::try_from(self.buf.len()).map_err(|_| ())?;
        self.ends.push(end);
        Ok(())
    }

    fn push_empty_n(&mut self, n: usize) {
        let end = self.buf.len() as u32;
        self.ends.extend(std::iter::repeat_n(end, n));
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.buf[start..self.ends[i] as usize]
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(move |i| self.get(i))
    }

    fn all_empty(&self) -> bool {
        self.buf.is_empty()
    }
}

/// A sheet after header detection: one header text and one raw column per column.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub headers: Vec<String>,
    pub columns: Vec<RawColumn>,
    /// 0-based sheet column of each column (for letters in messages).
    pub source_cols: Vec<usize>,
    /// 1-based sheet row of each data row.
    pub rows: Vec<u32>,
    /// 1-based sheet rows that make up the header.
    pub header_rows: Vec<usize>,
    pub blank_rows: usize,
    /// Titles that stood over several columns (told apart by "（1）", "（2）" …), with
    /// the columns' 0-based sheet indices.
    pub repeated: Vec<(String, Vec<usize>)>,
}

impl Grid {
    pub fn height(&self) -> usize {
        self.rows.len()
    }
}

/// A merged cell area, 0-based and inclusive, relative to the first row and column pushed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Merge {
    pub first_row: usize,
    pub first_col: usize,
    pub last_row: usize,
    pub last_col: usize,
}

/// Problems the builder reports by position; the reader adds the file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum GridError {
    /// 0-based row index among pushed rows, 0-based column.
    CellTooLarge {
        row: usize,
        col: usize,
        size: usize,
    },
    NoHeader {
        scanned: usize,
    },
    NoRows {
        header_rows: Vec<usize>,
    },
}

/// Largest cell accepted: far above any real answer, far below memory trouble.
pub(crate) const CELL_LIMIT: usize = 1 << 20;
/// How many leading rows are searched for the header.
const HEAD_ROWS: usize = 30;

pub(crate) struct GridBuilder {
    head: Vec<Vec<String>>,
    merges: Vec<Merge>,
    forced_header: Option<usize>,
    /// 1-based sheet row and 0-based sheet column of the first pushed cell.
    row_base: usize,
    col_base: usize,
    pushed: usize,
    grid: Option<Grid>,
}

impl GridBuilder {
    /// `row_base`/`col_base`: sheet position of the first pushed cell (0-based);
    /// `forced_header`: the 1-based sheet row of the header, when the user gave it.
    pub fn new(row_base: usize, col_base: usize, forced_header: Option<usize>) -> GridBuilder {
        GridBuilder { head: Vec::new(), merges: Vec::new(), forced_header, row_base, col_base, pushed: 0, grid: None }
    }

    pub(crate) fn with_merges(mut self, merges: Vec<Merge>) -> GridBuilder {
        self.merges = merges;
        self
    }

    /// Add one row of cells (leading/trailing spaces are trimmed).
    pub(crate) fn push_row<'a, I: IntoIterator<Item = &'a str>>(&mut self, cells: I) -> Result<(), GridError> {
        let row = self.pushed;
        self.pushed += 1;
        if let Some(grid) = self.grid.as_mut() {
            return push_data(grid, self.row_base + row + 1, cells, row);
        }
        let mut v = Vec::new();
        for (col, c) in cells.into_iter().enumerate() {
            if c.len() > CELL_LIMIT {
                return Err(GridError::CellTooLarge { row, col, size: c.len() });
            }
            v.push(c.trim().to_string());
        }
        self.head.push(v);
        if self.head.len() >= HEAD_ROWS.max(self.forced_header.unwrap_or(0).saturating_sub(self.row_base) + 2) {
            self.start_data()?;
        }
        Ok(())
    }

    fn start_data(&mut self) -> Result<(), GridError> {
        let head = std::mem::take(&mut self.head);
        let (first, last) = match self.forced_header {
            Some(r) if r > self.row_base && r - self.row_base - 1 < head.len() => {
                let h = r - self.row_base - 1;
                (h, h)
            }
            _ => find_header(&head, &self.merges).ok_or(GridError::NoHeader { scanned: head.len() })?,
        };
        let width = head.iter().map(Vec::len).max().unwrap_or(0);
        let headers = combine_headers(&head[first..=last], first, &self.merges, width);
        let mut grid = Grid {
            columns: vec![RawColumn::default(); width],
            source_cols: (0..width).map(|c| self.col_base + c).collect(),
            headers,
            header_rows: (first..=last).map(|r| self.row_base + r + 1).collect(),
            ..Default::default()
        };
        for (i, row) in head.iter().enumerate().skip(last + 1) {
            push_data(&mut grid, self.row_base + i + 1, row.iter().map(String::as_str), i)?;
        }
        self.grid = Some(grid);
        Ok(())
    }

    /// Finish: drop empty unnamed columns, name unnamed ones, check duplicates.
    pub fn finish(mut self) -> Result<Grid, GridError> {
        if self.grid.is_none() {
            if self.head.iter().all(|r| r.iter().all(String::is_empty)) {
                return Err(GridError::NoHeader { scanned: self.head.len() });
            }
            self.start_data()?;
        }
        let mut grid = self.grid.take().unwrap_or_default();
        let keep: Vec<bool> = grid.headers.iter().zip(&grid.columns).map(|(h, c)| !(h.is_empty() && c.all_empty())).collect();
        let mut k = keep.iter();
        grid.headers.retain(|_| *k.next().unwrap_or(&true));
        let mut k = keep.iter();
        grid.columns.retain(|_| *k.next().unwrap_or(&true));
        let mut k = keep.iter();
        grid.source_cols.retain(|_| *k.next().unwrap_or(&true));
        for (h, &c) in grid.headers.iter_mut().zip(&grid.source_cols) {
            if h.is_empty() {
                *h = format!("{}列", crate::diag::column_letter(c));
            }
        }
        tell_repeated_apart(&mut grid);
        if grid.rows.is_empty() {
            return Err(GridError::NoRows { header_rows: grid.header_rows.clone() });
        }
        Ok(grid)
    }
}

/// Repeated titles are data, not an error: platforms repeat a question's title over the
/// columns of its sub-fields (a date, a place, a cascade) and over repeated blocks. Each
/// repeat is told apart by its position among the columns of that title ("（1）", "（2）"
/// …), and the grid remembers which titles were repeated, for the warning.
fn tell_repeated_apart(grid: &mut Grid) {
    let mut columns: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for (i, h) in grid.headers.iter().enumerate() {
        columns.entry(h.clone()).or_default().push(i);
    }
    let mut repeated: Vec<(String, Vec<usize>)> = columns.into_iter().filter(|(_, v)| v.len() > 1).collect();
    repeated.sort_by_key(|(_, v)| v[0]);
    let taken: std::collections::HashSet<String> = grid.headers.iter().cloned().collect();
    for (title, cols) in &repeated {
        for (k, &i) in cols.iter().enumerate() {
            let mut name = format!("{title}（{}）", k + 1);
            while taken.contains(&name) {
                name.push('′');
            }
            grid.headers[i] = name;
        }
    }
    grid.repeated = repeated.into_iter().map(|(t, cols)| (t, cols.iter().map(|&i| grid.source_cols[i]).collect())).collect();
}

fn push_data<'a, I: IntoIterator<Item = &'a str>>(grid: &mut Grid, sheet_row: usize, cells: I, row: usize) -> Result<(), GridError> {
    let n = grid.rows.len();
    let mut any = false;
    let mut width = 0;
    for (col, c) in cells.into_iter().enumerate() {
        if c.len() > CELL_LIMIT {
            // Undo the partial row so the grid stays rectangular.
            for column in &mut grid.columns {
                column.ends.truncate(n);
            }
            return Err(GridError::CellTooLarge { row, col, size: c.len() });
        }
        let c = c.trim();
        if col >= grid.columns.len() {
            let mut fresh = RawColumn::default();
            fresh.push_empty_n(n);
            grid.columns.push(fresh);
            grid.headers.push(String::new());
            let base = grid.source_cols.last().map_or(0, |s| s + 1);
            grid.source_cols.push(base);
        }
        any |= !c.is_empty();
        grid.columns[col].push(c).map_err(|_| GridError::CellTooLarge { row, col, size: c.len() })?;
        width = col + 1;
    }
    for column in &mut grid.columns[width..] {
        column.push_empty_n(1);
    }
    if any {
        grid.rows.push(sheet_row as u32);
    } else {
        for column in &mut grid.columns {
            column.ends.truncate(n);
        }
        grid.blank_rows += 1;
    }
    Ok(())
}

fn is_numberlike(s: &str) -> bool {
    let t = s.trim_end_matches(['秒', '%']);
    !t.is_empty() && t.parse::<f64>().is_ok()
}

/// The header: the first row filled across most of the width with text (not numbers).
/// Returns the first and last row of the header (two rows for a merged two-level header).
fn find_header(head: &[Vec<String>], merges: &[Merge]) -> Option<(usize, usize)> {
    let filled = |r: &Vec<String>| r.iter().filter(|c| !c.is_empty()).count();
    let width = head.iter().map(filled).max().unwrap_or(0);
    let first = head.iter().position(|r| {
        let n = filled(r);
        let text = r.iter().filter(|c| !c.is_empty() && !is_numberlike(c)).count();
        // At least two filled cells, unless the sheet has a single column (a list of answers).
        n >= width.div_ceil(2).max(if width >= 2 { 2 } else { 1 }) && text * 5 >= n * 4
    })?;
    // A second header row: merged cells spanning columns in the first, or gaps in
    // the first that the next row fills with text only.
    let Some(next) = head.get(first + 1) else { return Some((first, first)) };
    let spans = merges.iter().any(|m| m.first_row == first && m.last_row == first && m.last_col > m.first_col);
    let row = &head[first];
    let gaps: Vec<usize> = (0..row.len().max(next.len()))
        .filter(|&c| row.get(c).is_none_or(|s| s.is_empty()) && c > 0 && row[..c.min(row.len())].iter().any(|s| !s.is_empty()))
        .collect();
    let next_all_text = next.iter().all(|c| c.is_empty() || !is_numberlike(c));
    let fills_gaps = !gaps.is_empty() && gaps.iter().all(|&c| next.get(c).is_some_and(|s| !s.is_empty()));
    if next_all_text && (spans || fills_gaps) {
        Some((first, first + 1))
    } else {
        Some((first, first))
    }
}

/// One header text per column. With two header rows, a parent spanning several
/// columns (merged, or followed by blanks) is joined with each child: "满意度—空气".
fn combine_headers(rows: &[Vec<String>], first_row: usize, merges: &[Merge], width: usize) -> Vec<String> {
    let cell = |r: &Vec<String>, c: usize| r.get(c).cloned().unwrap_or_default();
    if rows.len() == 1 {
        return (0..width).map(|c| cell(&rows[0], c)).collect();
    }
    let (top, sub) = (&rows[0], &rows[1]);
    let mut parent = vec![String::new(); width];
    let mut last = String::new();
    for (c, p) in parent.iter_mut().enumerate() {
        let t = cell(top, c);
        let merged_into = merges.iter().find(|m| m.first_row <= first_row && first_row <= m.last_row && m.first_col < c && c <= m.last_col);
        if !t.is_empty() {
            last = t.clone();
            *p = t;
        } else if merged_into.is_some() || !cell(sub, c).is_empty() {
            *p = last.clone();
        }
    }
    (0..width)
        .map(|c| {
            let (p, s) = (&parent[c], cell(sub, c));
            match (p.is_empty(), s.is_empty()) {
                (_, true) => p.clone(),
                (true, false) => s,
                (false, false) if *p == s => s,
                (false, false) => format!("{p}—{s}"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(rows: &[&[&str]], merges: Vec<Merge>) -> Result<Grid, GridError> {
        let mut b = GridBuilder::new(0, 0, None).with_merges(merges);
        for r in rows {
            b.push_row(r.iter().copied())?;
        }
        b.finish()
    }

    #[test]
    fn title_and_blank_rows_above_header_are_skipped() {
        let g = build(
            &[&["2024年市民生态环境满意度调查"], &[], &["序号", "性别", "年龄"], &["1", "男", "30"], &[], &["2", "女", "41"]],
            vec![],
        )
        .unwrap();
        assert_eq!(g.headers, ["序号", "性别", "年龄"]);
        assert_eq!(g.header_rows, [3]);
        assert_eq!(g.rows, [4, 6]);
        assert_eq!(g.blank_rows, 1);
        assert_eq!(g.columns[1].get(1), "女");
    }

    #[test]
    fn merged_two_level_header_is_joined() {
        let merges = vec![Merge { first_row: 0, first_col: 1, last_row: 0, last_col: 2 }];
        let g = build(&[&["序号", "满意度", ""], &["", "空气", "水"], &["1", "满意", "一般"]], merges).unwrap();
        assert_eq!(g.headers, ["序号", "满意度—空气", "满意度—水"]);
        assert_eq!(g.header_rows, [1, 2]);
    }

    #[test]
    fn trailing_empty_columns_dropped_and_ragged_rows_padded() {
        let g = build(&[&["a", "b", "", ""], &["1", "2", "", ""], &["3"]], vec![]).unwrap();
        assert_eq!(g.headers, ["a", "b"]);
        assert_eq!(g.columns[1].get(1), "");
    }

    #[test]
    fn a_single_column_list_has_a_header() {
        let g = build(&[&["您的意见"], &["垃圾分类不到位"], &["公园太少"]], vec![]).unwrap();
        assert_eq!(g.headers, ["您的意见"]);
        assert_eq!(g.height(), 2);
    }

    #[test]
    fn repeated_titles_are_told_apart_and_missing_rows_are_errors() {
        let g = build(&[&["a", "b", "a", "a（1）"], &["1", "2", "3", "4"]], vec![]).unwrap();
        assert_eq!(g.headers, ["a（1）′", "b", "a（2）", "a（1）"]);
        assert_eq!(g.repeated, [("a".to_string(), vec![0, 2])]);
        assert_eq!(build(&[&["a", "b"]], vec![]).unwrap_err(), GridError::NoRows { header_rows: vec![1] });
        assert!(matches!(build(&[], vec![]), Err(GridError::NoHeader { .. })));
    }
}
