//! How far each council's read models are behind its log.

use civic_eventstore::TenantId;
use civic_projections::CouncilLag;

use crate::support::Fixture;

pub async fn the_lag_counts_the_events_the_read_models_do_not_show_yet(f: Fixture) {
    let tenant = TenantId::new();
    f.models.claim_slug("maidstone", tenant).await.unwrap();
    let nothing = CouncilLag {
        slug: "maidstone".to_owned(),
        events: 0,
        seconds: 0.0,
    };
    assert_eq!(
        f.models.projection_lag().await.unwrap(),
        std::slice::from_ref(&nothing)
    );

    // Recorded, not projected yet: every event is behind, the oldest recorded just now.
    f.record_example(tenant).await;
    let head = f.head(tenant).await;
    assert!(head > 1);
    let lag = f.models.projection_lag().await.unwrap();
    assert_eq!(lag.len(), 1);
    assert_eq!((lag[0].slug.as_str(), lag[0].events), ("maidstone", head));
    assert!(
        (0.0..3600.0).contains(&lag[0].seconds),
        "{}",
        lag[0].seconds
    );

    f.projector().catch_up(tenant).await.unwrap();
    assert_eq!(f.models.projection_lag().await.unwrap(), [nothing]);
}
