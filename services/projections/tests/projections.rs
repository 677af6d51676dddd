//! The read models and the projector, one suite run on both backends, each test on a fresh
//! database holding both the events and the read models.
//!
//! PostgreSQL tests skip (saying so) when the server is unreachable, unless
//! `CIVIC_REQUIRE_POSTGRES=1`; see `civic-testkit`.

#![allow(clippy::unwrap_used, missing_docs)]

#[path = "projections/support.rs"]
mod support;

#[path = "projections/batches.rs"]
mod batches;
#[path = "projections/example.rs"]
mod example;
#[path = "projections/lag.rs"]
mod lag;
#[path = "projections/lists.rs"]
mod lists;
#[path = "projections/load.rs"]
mod load;
#[path = "projections/meetings.rs"]
mod meetings;
#[path = "projections/recovery.rs"]
mod recovery;
#[path = "projections/registry.rs"]
mod registry;
#[path = "projections/rls.rs"]
mod rls;
#[path = "projections/search.rs"]
mod search;

/// Instantiates each suite test for both backends.
macro_rules! both {
    ($($module:ident :: $test:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $test() {
                    let fixture = crate::support::Fixture::sqlite().await;
                    crate::$module::$test(fixture).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $test() {
                    let Some(fixture) =
                        crate::support::Fixture::postgres(stringify!($test)).await
                    else {
                        return;
                    };
                    crate::$module::$test(fixture).await;
                }
            )*
        }
    };
}

both! {
    search::phrases_or_prefixes_and_exclusions_mean_the_same_on_both_backends,
    search::reason_key_report_author_consultees_and_reference_are_searched,
    search::a_withheld_value_never_matches_a_public_search,
    search::relevance_puts_the_best_match_first_and_pages_in_its_order,
    batches::decisions_by_ids_reads_every_visible_decision_in_one_read_as_the_list_shows_it,
    batches::forward_plan_entries_and_strategy_documents_by_ids_read_in_one_read_each,
    example::the_example_decision_reads_back_with_every_value_of_its_page,
    lag::the_lag_counts_the_events_the_read_models_do_not_show_yet,
    example::the_example_council_and_strategy_are_projected,
    example::the_example_decisions_summary_keeps_its_short_fields_and_empties_the_long_ones,
    lists::keyset_pages_walk_the_decisions_newest_first_without_gaps_or_repeats,
    lists::each_filter_selects_the_decisions_it_names,
    lists::bad_pages_and_cursors_are_refused,
    lists::full_text_search_finds_the_example_by_a_word_of_its_reasons,
    lists::restricted_information_is_withheld_from_the_public_and_its_search,
    lists::the_forward_plan_lists_planned_entries_by_date_due,
    load::the_projector_never_skips_an_event_under_concurrent_load,
    load::a_notification_wakes_the_projector_before_its_poll,
    load::polls_catch_up_every_tenant_slice_by_slice,
    meetings::meetings_list_newest_first_filtered_and_paged_as_a_fresh_fold_shows_them,
    recovery::a_failed_batch_changes_nothing_and_the_next_catch_up_applies_every_event_once,
    recovery::a_rebuild_gives_identical_read_models_and_switches_generation_while_queries_answer,
    registry::a_slug_is_claimed_by_one_tenant_only,
}

/// PostgreSQL only: row-level security.
mod postgres_only {
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn civic_reader_sees_only_the_tenant_it_is_scoped_to() {
        let Some(fixture) =
            crate::support::Fixture::postgres("civic_reader_sees_only_the_tenant_it_is_scoped_to")
                .await
        else {
            return;
        };
        crate::rls::civic_reader_sees_only_the_tenant_it_is_scoped_to(fixture).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_notification_reaches_a_projector_in_another_process() {
        let Some(fixture) = crate::support::Fixture::postgres(
            "a_notification_reaches_a_projector_in_another_process",
        )
        .await
        else {
            return;
        };
        crate::load::a_notification_reaches_a_projector_in_another_process(fixture).await;
    }
}
