//! The platform's slug registry.

use std::sync::Arc;

use civic_eventstore::TenantId;
use civic_projections::ProjectionError;

use crate::support::Fixture;

pub async fn a_slug_is_claimed_by_one_tenant_only(f: Fixture) {
    let first = TenantId::new();
    f.models.claim_slug("maidstone", first).await.unwrap();
    // Claiming again for the same tenant succeeds, so a failed registration can be retried.
    f.models.claim_slug("maidstone", first).await.unwrap();
    assert!(matches!(
        f.models.claim_slug("maidstone", TenantId::new()).await,
        Err(ProjectionError::SlugTaken)
    ));
    assert_eq!(
        f.models.tenant_for_slug("maidstone").await.unwrap(),
        Some(first)
    );
    assert_eq!(f.models.tenant_for_slug("kent").await.unwrap(), None);
    assert!(matches!(
        f.models.claim_slug("Not A Slug", first).await,
        Err(ProjectionError::InvalidSlug(_))
    ));

    // Of many simultaneous claims of one slug, exactly one succeeds.
    let models = Arc::new(f.models.clone());
    let claims: Vec<_> = (0..12)
        .map(|_| {
            let models = models.clone();
            let tenant = TenantId::new();
            tokio::spawn(async move { (tenant, models.claim_slug("kent", tenant).await) })
        })
        .collect();
    let mut winners = Vec::new();
    for claim in claims {
        let (tenant, result) = claim.await.unwrap();
        match result {
            Ok(()) => winners.push(tenant),
            Err(ProjectionError::SlugTaken) => {}
            Err(other) => panic!("unexpected {other}"),
        }
    }
    assert_eq!(winners.len(), 1);
    assert_eq!(
        f.models.tenant_for_slug("kent").await.unwrap(),
        Some(winners[0])
    );
}
