//! What the steps of the text stage share: an answer's status, one clause of an answer
//! placed in a cluster (a unit) and the concerns an answer raised (its assignment), and the
//! hash that orders answers. A leaf module: it imports nothing of the stage, so that
//! finding concerns, describing them, counting measures and replaying corrections can each
//! use these without importing one another.

use std::hash::BuildHasher;

/// Whether an answer says something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Says something: its clauses are placed in concerns.
    Answer,
    /// Every clause denies the problem it names ("没有噪声问题"): no problem raised.
    NoProblem,
    /// Every clause praises ("垃圾清运很及时"), none denies.
    Praise,
    NonAnswer,
    Empty,
}

impl Status {
    /// Whether the answer says something (a problem, that there is none, or praise): the
    /// answers a concern's share is of.
    pub fn said_something(self) -> bool {
        matches!(self, Status::Answer | Status::NoProblem | Status::Praise)
    }

    pub fn name(self) -> &'static str {
        match self {
            Status::Answer => "answer",
            Status::NoProblem => "no_problem",
            Status::Praise => "praise",
            Status::NonAnswer => "non_answer",
            Status::Empty => "empty",
        }
    }
}

/// The concerns one answer raised.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub status: Status,
    /// Primary concern id (0 = remainder), `None` for non-answers and blanks.
    pub primary: Option<usize>,
    /// Every concern raised, ascending; empty for non-answers and blanks.
    pub all: Vec<usize>,
    /// The concerns in the order raised (the primary first, 0 the remainder).
    pub order: Vec<usize>,
}

/// One clause of an answer, placed.
pub(crate) struct Unit {
    pub answer: usize,
    pub text: String,
    pub doc: Vec<(u32, u32)>,
    /// Internal cluster: discovered 0..d, codebook d..d+codes; `None` = not placed.
    pub cluster: Option<usize>,
}

/// A hash of a text that depends only on the text and the seed: orders and samples
/// answers independently of the input order.
pub(crate) fn stable_hash(seed: u64, s: &str) -> u64 {
    // foldhash with a fixed seed is stable across runs and platforms of the same build.
    foldhash::fast::FixedState::with_seed(seed).hash_one(s)
}
