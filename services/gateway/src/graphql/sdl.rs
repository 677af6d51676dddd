//! The schema file: both schemas' SDL in `schema/schema.graphql`, checked by a test so it never
//! drifts from the code (`CIVIC_UPDATE_SCHEMA=1 cargo test -p civic-gateway` rewrites it).

use crate::settings::Limits;

/// Both schemas, as written to `schema/schema.graphql`.
pub fn schema_file() -> String {
    let limits = Limits::default();
    let platform = super::platform_schema_builder(&limits).finish().sdl();
    let council = super::council_schema_builder(&limits).finish().sdl();
    format!(
        "# Civic Register's GraphQL API. Generated from civic-gateway; do not edit by hand.\n\
         # Regenerate: CIVIC_UPDATE_SCHEMA=1 cargo test -p civic-gateway --lib schema_file\n\
         \n\
         # ===== Platform schema: /graphql =====\n\
         \n\
         {}\n\
         # ===== Council schema: /councils/{{slug}}/graphql =====\n\
         \n\
         {}",
        platform.trim_end_matches('\n').to_owned() + "\n",
        council.trim_end_matches('\n').to_owned() + "\n",
    )
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn the_schema_file_matches_the_code() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schema/schema.graphql");
        let expected = schema_file();
        if std::env::var("CIVIC_UPDATE_SCHEMA").is_ok_and(|v| v == "1") {
            std::fs::write(&path, &expected).unwrap();
            return;
        }
        let actual = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            actual == expected,
            "schema/schema.graphql is out of date with the code; regenerate it with \
             `CIVIC_UPDATE_SCHEMA=1 cargo test -p civic-gateway --lib schema_file` and commit it"
        );
    }
}
