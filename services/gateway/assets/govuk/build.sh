#!/bin/sh
# Rebuilds govuk-register.min.css from register.scss with pinned versions of GOV.UK Frontend and
# dart-sass, in a scratch directory (node_modules is never committed). Needs node and npm.
#   services/gateway/assets/govuk/build.sh
set -eu

GOVUK_FRONTEND=5.14.0
SASS=1.94.2

here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cd "$scratch"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund --ignore-scripts --save-exact \
  "govuk-frontend@$GOVUK_FRONTEND" "sass@$SASS"
# Deprecation warnings (GOV.UK Frontend 5 still uses @import) are the package's, not ours.
npx --no-install sass --style=compressed --no-source-map --quiet-deps --silence-deprecation=import \
  --load-path=node_modules "$here/register.scss" "$here/govuk-register.min.css"
echo "govuk-register.min.css from govuk-frontend $GOVUK_FRONTEND, sass $SASS:"
sha256sum "$here/govuk-register.min.css"
