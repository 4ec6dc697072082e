//! Outputs written from the results: `results.json` (every number, machine-readable)
//! and `tables.xlsx` (one sheet per table). The typeset brief comes with its issue.

pub mod results;
pub mod xlsx;
