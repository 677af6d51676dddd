//! Page sizes: `first` is checked here, so a bad one is refused with the argument's name before
//! anything is read.

use civic_projections::PageRequest;

use crate::error::ApiError;
use crate::settings::Limits;

/// The page size when `first` is not given.
pub const DEFAULT_PAGE_SIZE: u32 = 20;

/// The page asked for, checked against the configured maximum (never above 100).
pub fn page_request(
    limits: &Limits,
    first: Option<i32>,
    after: Option<String>,
) -> Result<PageRequest, ApiError> {
    let max = limits.max_page_size.clamp(1, Limits::PAGE_SIZE_CEILING);
    let first = match first {
        None => DEFAULT_PAGE_SIZE.min(max),
        Some(first) => u32::try_from(first)
            .ok()
            .filter(|first| (1..=max).contains(first))
            .ok_or_else(|| {
                ApiError::invalid(
                    "first",
                    format!("first must be between 1 and {max}, not {first}"),
                )
            })?,
    };
    Ok(PageRequest { first, after })
}

/// The complexity of a connection field: its children once per item asked for.
pub fn complexity(first: Option<i32>, child_complexity: usize) -> usize {
    let items = first.map_or(DEFAULT_PAGE_SIZE as usize, |first| {
        usize::try_from(first).unwrap_or(1).max(1)
    });
    items.saturating_mul(child_complexity).saturating_add(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_sizes_from_one_to_the_maximum_are_accepted() {
        let limits = Limits::default();
        assert_eq!(page_request(&limits, None, None).unwrap().first, 20);
        assert_eq!(page_request(&limits, Some(100), None).unwrap().first, 100);
        for bad in [0, -1, 101] {
            assert!(page_request(&limits, Some(bad), None).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_configured_maximum_above_a_hundred_is_held_at_a_hundred() {
        let limits = Limits {
            max_page_size: 1_000,
            ..Limits::default()
        };
        assert!(page_request(&limits, Some(101), None).is_err());
    }
}
