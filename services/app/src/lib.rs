//! Civic Register's application layer: the one place where the pure domain meets the event store.
//!
//! A command is run by loading the council's stream and the command's own stream, folding them,
//! letting the domain decide, and appending the resulting events with the stream version the
//! decision was based on. Replaying a command id returns the original result and appends nothing.
//!
//! Modules:
//! - [`register`]: [`Register`], which executes commands and reads streams back.
//! - [`codec`]: domain events to and from stored events (with the domain's upcasting).
//! - [`error`]: [`AppError`], with the code the edge reports for each case.

pub mod codec;
pub mod error;
pub mod register;

pub use error::AppError;
pub use register::{CommandContext, Erasure, Executed, Register};
