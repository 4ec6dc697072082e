//! Charts as values: what each chart shows ([`Spec`], the data behind it, for tests and
//! the brief), its identity ([`ChartId`], which alone decides the file name), and the
//! drawn bytes ([`Chart`]).

use super::Crosstab;

/// What a chart shows (the data behind it, for tests and for the brief).
#[derive(Debug, Clone)]
pub enum Spec {
    Bars(Bars),
    Diverging(Diverging),
    Heat(Heat),
    Cloud(Cloud),
    Graph(Graph),
    Dumbbell(Dumbbell),
}

impl Spec {
    /// The chart's title.
    pub fn title(&self) -> &str {
        match self {
            Spec::Bars(x) => &x.title,
            Spec::Diverging(x) => &x.title,
            Spec::Heat(x) => &x.title,
            Spec::Cloud(x) => &x.title,
            Spec::Graph(x) => &x.title,
            Spec::Dumbbell(x) => &x.title,
        }
    }

    pub fn title_mut(&mut self) -> &mut String {
        match self {
            Spec::Bars(x) => &mut x.title,
            Spec::Diverging(x) => &mut x.title,
            Spec::Heat(x) => &mut x.title,
            Spec::Cloud(x) => &mut x.title,
            Spec::Graph(x) => &mut x.title,
            Spec::Dumbbell(x) => &mut x.title,
        }
    }
}

/// Which chart: the one place that decides a chart's file name. The brief asks for
/// figures by id; a figure asked for that was not drawn is an error in the tests.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChartId {
    /// A closed question of one population: bars, or diverging bars for a Likert scale
    /// or a matrix.
    Question { population: String, question: String },
    /// A question several populations answered, compared side by side.
    Comparison { question: String },
    /// The heat map of a cross-tab of one population (see [`super::Stats::heat_maps`]).
    Heat { population: String, question: String, by: String },
    /// The concern shares of an open question.
    Concerns { question: String },
    /// The keyword cloud of an open question.
    WordCloud { question: String },
    /// The keyword co-occurrence network of an open question.
    Network { question: String },
    /// Two waves compared: the concerns of an open question then and now.
    WavesConcerns { question: String },
    /// Two waves compared: the closed-question shares that changed.
    WavesClosed,
}

impl ChartId {
    /// The heat map of a cross-tab.
    pub fn heat(c: &Crosstab) -> ChartId {
        ChartId::Heat { population: c.population.clone(), question: c.question.clone(), by: c.by.id().to_string() }
    }

    /// The file stem under `charts/` (`市民-q6`, `比较-q3`, `交叉-市民-q6.2-q1`, `关注-q11` …).
    pub fn file_stem(&self) -> String {
        match self {
            ChartId::Question { population, question } => format!("{}-{question}", safe(population)),
            ChartId::Comparison { question } => format!("比较-{question}"),
            ChartId::Heat { population, question, by } => format!("交叉-{}-{question}-{by}", safe(population)),
            ChartId::Concerns { question } => format!("关注-{}", safe(question)),
            ChartId::WordCloud { question } => format!("词云-{}", safe(question)),
            ChartId::Network { question } => format!("共现-{}", safe(question)),
            ChartId::WavesConcerns { question } => format!("两轮-{}", safe(question)),
            ChartId::WavesClosed => "两轮-封闭题".to_string(),
        }
    }
}

/// A name part safe in a file name on every system.
fn safe(s: &str) -> String {
    s.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '.' { c } else { '_' }).collect()
}

#[derive(Debug, Clone)]
pub struct Chart {
    pub id: ChartId,
    pub spec: Spec,
    pub png: Vec<u8>,
    pub svg: String,
    /// Pixel size of the PNG.
    pub width: u32,
    pub height: u32,
}

/// A chart that could not be drawn, and why (plotters' or the PNG encoder's words).
#[derive(Debug, Clone)]
pub struct ChartFailure {
    pub id: ChartId,
    pub detail: String,
}

impl std::fmt::Display for ChartFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "图表 charts/{}.png 未能绘制，已略去（{}）；其余结果不受影响，请把这条信息反馈给开发者", self.id.file_stem(), self.detail)
    }
}

/// The chart stage's output: the charts drawn and those that failed.
#[derive(Debug, Clone, Default)]
pub struct Drawn {
    pub charts: Vec<Chart>,
    pub failed: Vec<ChartFailure>,
}

impl Drawn {
    pub fn extend(&mut self, other: Drawn) {
        self.charts.extend(other.charts);
        self.failed.extend(other.failed);
    }
}

impl Chart {
    /// The file stem under `charts/`.
    pub fn name(&self) -> String {
        self.id.file_stem()
    }
}

#[derive(Debug, Clone)]
pub struct Bars {
    pub title: String,
    pub subtitle: String,
    /// Category labels, top to bottom.
    pub labels: Vec<String>,
    /// One series per population (a single series for a plain bar chart), 0–100.
    pub series: Vec<(String, Vec<f64>)>,
    /// Optional 95% intervals per series and category (empty = none drawn).
    pub intervals: Vec<Vec<(f64, f64)>>,
}

#[derive(Debug, Clone)]
pub struct Diverging {
    pub title: String,
    pub subtitle: String,
    /// Scale points, most negative first.
    pub points: Vec<String>,
    /// (row label, percent per point (0–100), mean score)
    pub rows: Vec<(String, Vec<f64>, Option<f64>)>,
}

#[derive(Debug, Clone)]
pub struct Heat {
    pub title: String,
    pub subtitle: String,
    pub row_labels: Vec<String>,
    pub col_labels: Vec<String>,
    /// Column percentages 0–100.
    pub percents: Vec<Vec<f64>>,
    pub residuals: Vec<Vec<f64>>,
    /// Per row: +1 a favourable answer (the two highest points of a scale), −1 an
    /// unfavourable one (the two lowest), 0 neither or not a scale.
    pub valence: Vec<i8>,
    /// Per row, the percentage of all (the 全体 column).
    pub overall: Vec<f64>,
}

#[derive(Debug, Clone)]
pub struct Cloud {
    pub title: String,
    pub subtitle: String,
    /// Words with weights, any scale; the heaviest is drawn largest.
    pub words: Vec<(String, f64)>,
}

#[derive(Debug, Clone)]
pub struct Graph {
    pub title: String,
    pub subtitle: String,
    /// Word, frequency (answers), community.
    pub nodes: Vec<(String, usize, usize)>,
    /// Node indices and association (Jaccard).
    pub edges: Vec<(usize, usize, f64)>,
}

/// Shares then and now, one row each: two dots joined by a line, each with its 95%
/// interval; the change written at the right (bold when significant).
#[derive(Debug, Clone)]
pub struct Dumbbell {
    pub title: String,
    pub subtitle: String,
    /// The two waves' names (legend).
    pub waves: [String; 2],
    pub rows: Vec<DumbbellRow>,
}

#[derive(Debug, Clone)]
pub struct DumbbellRow {
    pub label: String,
    /// Percent then and now (`None`: not asked or not named that wave).
    pub old: Option<f64>,
    pub new: Option<f64>,
    pub old_ci: Option<(f64, f64)>,
    pub new_ci: Option<(f64, f64)>,
    /// The change as written at the right ("−6.8 个百分点").
    pub change: String,
    pub significant: bool,
}
