## The layout every page shares.
layout-skip = Skip to the content
layout-nav = Main
layout-account = My account
layout-logout = Log out
nav-people = People
nav-audit = Audit log
layout-switch = Lire cette page en français

## Problem pages.
problem-invalid-title = Something in the form needs fixing
problem-invalid-hint = Go back, correct what is described above, and send it again.
problem-login-title = Please log in
problem-login-hint = This page needs a login. Log in and try again.
problem-forbidden-title = You cannot do this with your role
problem-forbidden-hint = If you need it, ask an administrator to change your role.
problem-not-found-title = This page does not exist
problem-not-found-hint = Check the address, or start again from the home page.
problem-method-title = This page cannot be used that way
problem-method-hint = Use the links and buttons of the pages.
problem-conflict-title = This cannot be done now
problem-conflict-hint = Read what is described above, then try again.
problem-too-large-title = What was sent is too large
problem-too-large-hint = Send less at a time.
problem-too-many-title = Too many attempts
problem-too-many-hint = Wait a few minutes and try again.
problem-server-title = Something went wrong on our side
problem-server-hint = Nothing you did caused this. Try again in a few minutes; if it goes on, tell your administrator: the cause is in the server's log.
problem-other-title = The request could not be completed
problem-other-hint = Try again, or start again from the home page.
problem-home = Go to the home page
problem-detail-english = Detail:
problem-status = Error code

## Logging in.
login-title = Log in
login-password = Password
login-submit = Log in
login-help = Forgotten your password? Ask an administrator for a new set-password link.
login-failed = That login and password do not match an account. Check both and try again.
login-wait = Too many failed attempts. Wait { $minutes } minute(s) and try again, or ask an administrator for a new set-password link.

## Setting a password.
password-title = Choose your password
password-intro = This link works once. Choose a password of your own; a password manager may suggest one.
password-login = Your login
password-new = New password
password-hint = At least 12 characters. Several words together make a good password.
password-confirm = The same password again
password-submit = Save the password
password-mismatch = The two passwords are not the same. Type them again.
password-rules = Choose a password of at least { $min } characters, other than your login.
password-current-wrong = Your current password is not right. Type it again.

## My account.
account-title = My account
account-who = You are logged in as
account-tokens = Personal API tokens
account-tokens-intro = A token lets a script use the JSON API as you, with Authorization: Bearer. Revoke any you no longer use.
account-token-once = Copy this token now: it is shown only this once.
account-token-new = New token
account-no-tokens = You have no tokens.
account-token-name = Token name
account-created = Made
account-last-used = Last used
account-state = State
account-revoked = Revoked
account-revoke = Revoke
account-token-create = Make a token
account-never = Never
account-password = Change my password
account-password-current = Current password
account-password-change = Change the password

## People.
people-title = People
people-link-once = Give this set-password link to its person now; it is shown only this once and works once, for { $hours } hours:
people-link = Set-password link
people-list = Everyone who can log in
people-name = Name
people-role = Role
people-state = State
people-actions = Actions
people-you = This is you
people-clinic = Clinic
people-no-clinic = No clinic
people-change-role = Change the role
people-reset = Send a reset link
people-enable = Enable
people-disable = Disable
people-add = Add a person
people-add-submit = Add and make a link
people-clinic-hint = Clinic members see their own clinic by name.
people-disabled = Disabled
people-active = Active
people-invited = Invited (no password yet)

## The audit log.
audit-title = Audit log
audit-intro = Who did what, and when. It never holds patients' details.
audit-export = Download it as CSV
audit-empty = Nothing has been recorded yet.
audit-caption = The newest 500 entries
audit-when = When
audit-who = Who
audit-what = What
audit-object = On what
audit-detail = Detail
audit-login = Logged in
audit-login-failed = Failed login
audit-logout = Logged out
audit-password-set = Password set
audit-token-created = API token made
audit-token-revoked = API token revoked
audit-person-added = Person added
audit-role-changed = Role changed
audit-person-disabled = Account disabled
audit-person-enabled = Account enabled
audit-reset-link-issued = Reset link issued

# A measure's series: its chart, its signals and its data table.
series-table-summary = Data table: { $title }, month by month
series-heading-proportion = Percentage
series-heading-rate = Per { $multiplier } { $unit }
series-heading-count = Count
series-heading-mean = Mean ({ $unit })
series-family-outcome = Outcome measure
series-family-process = Process measure
series-family-balancing = Balancing measure
series-higher-better = higher is better
series-lower-better = lower is better
series-shift = shift
series-trend = trend
series-chart-p = p chart
series-chart-u = u chart
series-chart-c = c chart
series-chart-i = individuals chart
series-chart-pp = Laney p′ chart
series-chart-up = Laney u′ chart
series-why-laney = This is a { $chart }: with denominators this large, the months vary { $sigma } times more than chance alone would make them, so its limits are widened to match. A month outside them stands out from the network’s usual month-to-month variation, not only from chance.
series-why-plain = This is the { $chart }, not the default { $default }: its limits allow only for chance, so with large denominators most months fall outside them.
series-show-plain = Show the { $chart }
series-show-default = Show the { $chart } (the default)
series-beyond = { $count ->
    [one] 1 month outside the limits
   *[other] { $count } months outside the limits
}
series-runs = { $count ->
    [one] 1 more in a shift or trend
   *[other] { $count } more in a shift or trend
}
series-runs-signal = the runs analysis signals a non-random pattern
series-list = { $first } and { $last }
series-suggested-breaks = { $count ->
    [one] a sustained shift suggests a new centre line from { $months } (not applied)
   *[other] sustained shifts suggest new centre lines from { $months } (not applied)
}
series-signals = { $chart }: { $parts }
series-no-signal = { $chart }: no signal of special-cause variation
series-too-few = Too few months for a control chart yet.
series-col-month = Month
series-col-numerator = Numerator
series-col-denominator = Denominator
series-col-limits = Control limits
series-col-signal = Signal
series-col-network = Network centre line
series-network-note = The dotted purple line is the network’s centre line, from the network’s own control chart over { $months } months in which enough clinics contributed for it to be shared.

# Funnel plots and suppressed months.
chart-suppressed = suppressed (a small count, withheld)
funnel-axis-denominator = Patients counted (denominator)
funnel-target = network value
funnel-limits = 95 % and 99.8 % limits
funnel-outside-95 = outside 95 %
funnel-outside-998 = outside 99.8 %

## What the scrubber finds, as reviewers read it
category-name = name
category-date = date
category-age = age
category-phone = phone number
category-email = e-mail address
category-url = web address
category-ip = IP address
category-id = identifier
category-address = street address
category-postal = postal code
category-location = place
