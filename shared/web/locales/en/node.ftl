## A clinic's node: its name, roles and navigation.
node-product = Tandem · clinic
node-login-label = Your name on this node
node-role-lead = Clinic lead
node-role-member = Clinic team member
node-role-partner = Patient partner
node-nav-home = Home

## The home page.
node-not-enrolled-title = This node is not enrolled yet
node-not-enrolled = Ask your network administrator for an enrolment code, then run tandem-node enrol on this server.
node-last-error = The last sync failed:
node-hub = Network hub
node-last-sync = Last sync with the hub
node-never = Never
node-certificate = Certificate valid until
node-definitions = Network definitions
node-definitions-version = Version { $version }, { $measures } measures
node-definitions-none = None yet: they arrive with the first sync
node-work = The team’s work
node-count-unreleased = Records not yet released
node-count-pending = Releases approved, waiting to be sent
node-count-delivered = Releases delivered to the hub
node-count-errors = Items the hub refused
node-api-note = Scripts can use the node’s JSON API under /api/v1 with a personal token from My account.

## Audit entries of a node.
audit-release-approved = Release approved
audit-release-withdrawn = Release withdrawn
audit-roster-changed = Roster changed
