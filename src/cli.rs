//! The command line (clap derive), part of the binary only: the library takes
//! [`minyi::RunOptions`], never these types. Doc comments are the help text, in Chinese.
//! Kept stable: scripts call these commands and flags.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "minyi",
    version,
    about = "民意：把问卷数据表变成可直接提交会议的调研简报",
    long_about = "民意（minyi）读取问卷星、腾讯问卷导出的 Excel/CSV 或自制表格，\n筛查无效答卷，统计封闭题，生成图表、数据表（tables.xlsx）和全部结果（results.json）。\n归纳开放题中群众关注的问题和建议，排版简报（PDF 和逐页 PNG）、摘要卡片，并起草提案初稿。",
    after_help = "示例：\n  minyi run data/samples                 分析文件夹中的全部问卷\n  minyi inspect 市民问卷.xlsx             查看识别出的题目和类型\n  minyi inspect 市民问卷.xlsx --write-config survey.toml\n  minyi run --config survey.toml          按修改后的配置分析\n  minyi sample --out data/samples         生成示例问卷"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 分析问卷，输出报告文件夹（默认 reports/<输入名称>）
    #[command(
        after_help = "示例：\n  minyi run data/samples\n  minyi run 园区问卷.xlsx 市民问卷.csv --out reports/生态环境\n  minyi run --config survey.toml --seed 7 --quiet"
    )]
    Run {
        /// 问卷文件或文件夹（可多个；每个文件是一个调查群体）
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// 报告输出文件夹
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// 问卷配置文件（由 inspect --write-config 生成）
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// 开放题归纳的关注点个数（默认自动确定）
        #[arg(long, value_name = "N")]
        k: Option<usize>,
        /// 随机种子：相同输入和种子得到相同结果
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
        /// 简报标题（默认取配置文件 [brief] title，否则为“各群体名称 + 问卷调查分析简报”）
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
        /// 使用自己的 typst 排版模板代替内置模板（模板读取 data.json，说明见 docs/brief.md）
        #[arg(long, value_name = "FILE.typ")]
        template: Option<PathBuf>,
        /// 初稿形式：proposal（提案，默认）或 sqmy（社情民意信息）
        #[arg(long, value_name = "KIND", value_enum, default_value_t = DraftArg::Proposal)]
        draft: DraftArg,
        /// 不显示进度和提示
        #[arg(long, short)]
        quiet: bool,
        /// 与上一轮调查的报告文件夹比较：本轮开放题按上一轮的问题分类归类，简报增加“与上一轮比较”一节，并写出 comparison.json
        #[arg(long, value_name = "DIR")]
        compare_with: Option<PathBuf>,
    },
    /// 查看识别结果：平台、编码、表头行，以及每一列的题号、题目、类型和选项
    #[command(
        after_help = "示例：\n  minyi inspect 市民问卷.xlsx\n  minyi inspect data/samples --json\n  minyi inspect 市民问卷.xlsx --write-config survey.toml"
    )]
    Inspect {
        /// 问卷文件或文件夹
        #[arg(value_name = "PATH", required = true)]
        paths: Vec<PathBuf>,
        /// 以 JSON 格式输出
        #[arg(long)]
        json: bool,
        /// 把识别结果写成可编辑的配置文件
        #[arg(long, value_name = "FILE")]
        write_config: Option<PathBuf>,
        /// 读取已有的配置文件再识别
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// 比较两轮调查：读取两次 minyi run 的报告文件夹，给出每道封闭题各选项比例、
    /// 均值和推荐度的变化及其 95% 置信区间，经多重比较校正后判断哪些变化显著
    #[command(
        after_help = "示例：\n  minyi compare reports/2024年 reports/2025年\n  minyi compare reports/2024年 reports/2025年 --out reports/比较"
    )]
    Compare {
        /// 前一轮的报告文件夹
        #[arg(value_name = "OLD")]
        old: PathBuf,
        /// 后一轮的报告文件夹
        #[arg(value_name = "NEW")]
        new: PathBuf,
        /// 比较结果的输出文件夹（默认 reports/比较-前一轮-后一轮）
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// 配置文件：其中的 [compare] 手动对应题目和问题类别（说明见 docs/compare.md）
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// 生成示例问卷（园区 455 份、市民 4112 份，问卷星导出格式）及其标注
    #[command(after_help = "示例：\n  minyi sample\n  minyi sample --out /tmp/样例 --seed 1")]
    Sample {
        /// 输出文件夹
        #[arg(long, value_name = "DIR", default_value = "data/samples")]
        out: PathBuf,
        /// 随机种子
        #[arg(long, value_name = "N", default_value_t = minyi::sample::SAMPLE_SEED)]
        seed: u64,
    },
}

/// `--draft`: the form of the drafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DraftArg {
    /// 提案：案由、问题分析、具体建议、数据来源
    #[value(name = "proposal")]
    Proposal,
    /// 社情民意信息：反映的问题、原因分析、意见建议（不超过 1500 字）
    #[value(name = "sqmy")]
    Sqmy,
}

impl From<DraftArg> for minyi::model::DraftKind {
    fn from(d: DraftArg) -> Self {
        match d {
            DraftArg::Proposal => minyi::model::DraftKind::Proposal,
            DraftArg::Sqmy => minyi::model::DraftKind::Sqmy,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn run_flags_parse() {
        let c = Cli::try_parse_from(["minyi", "run", "a.xlsx", "b.csv", "--k", "8", "--seed", "3", "--quiet"]).unwrap();
        match c.command {
            Command::Run { paths, k, seed, quiet, .. } => {
                assert_eq!(paths.len(), 2);
                assert_eq!((k, seed, quiet), (Some(8), Some(3), true));
            }
            _ => panic!("expected run"),
        }
    }
}
