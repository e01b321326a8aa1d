## Le nœud d’une clinique : son nom, ses rôles et sa navigation.
node-product = Tandem · clinique
node-login-label = Votre nom sur ce nœud
node-role-lead = Responsable de la clinique
node-role-member = Membre de l’équipe
node-role-partner = Patient partenaire
node-nav-home = Accueil

## La page d’accueil.
node-not-enrolled-title = Ce nœud n’est pas encore inscrit
node-not-enrolled = Demandez un code d’inscription à l’administrateur de votre réseau, puis lancez tandem-node enrol sur ce serveur.
node-last-error = La dernière synchronisation a échoué :
node-hub = Concentrateur du réseau
node-last-sync = Dernière synchronisation avec le concentrateur
node-never = Jamais
node-certificate = Certificat valable jusqu’au
node-definitions = Définitions du réseau
node-definitions-version = Version { $version }, { $measures } mesures
node-definitions-none = Pas encore : elles arrivent avec la première synchronisation
node-work = Le travail de l’équipe
node-count-unreleased = Fiches pas encore transmises
node-count-pending = Transmissions approuvées, en attente d’envoi
node-count-delivered = Transmissions remises au concentrateur
node-count-errors = Éléments refusés par le concentrateur
node-api-note = Les scripts peuvent utiliser l’API JSON du nœud sous /api/v1 avec un jeton personnel créé dans Mon compte.

## Entrées du journal d’audit d’un nœud.
audit-release-approved = Transmission approuvée
audit-release-withdrawn = Transmission retirée
audit-roster-changed = Liste de noms modifiée

## Mesures.
node-nav-measures = Mesures
node-measures-title = Nos mesures
node-measures-lede = Les mesures du réseau, mois par mois, pour cette clinique. Les valeurs calculées à partir de l’extraction viennent des données par patient conservées sur ce serveur ; seuls les comptes mensuels peuvent sortir, après relecture.
node-measures-none = Le réseau n’a pas encore envoyé ses mesures : elles arrivent avec la première synchronisation.
node-measures-caption = Les mesures du réseau et le dernier mois de cette clinique
node-measure = Mesure
node-measure-source = D’où viennent les valeurs
node-measure-latest-heading = Dernier mois
node-measure-computed = Calculées à partir de l’extraction
node-measure-by-hand = Saisies par l’équipe
node-measure-latest = { $month } : { $value }
node-measure-none = Aucun mois pour l’instant
node-measure-due = { $month } est à saisir
node-measures-back = Toutes les mesures
node-measure-chart = Cette clinique, mois par mois
node-measure-no-months = Aucun mois n’a encore été enregistré.
node-measure-definition = Ce qui est compté exactement (la définition du réseau)
node-chart-description = { $title } dans cette clinique, mois par mois, { $months } mois de { $first } à { $last }. { $summary }.
node-table-caption = { $title } dans cette clinique, tel qu’enregistré sur ce nœud. Les valeurs ne sont transmises au réseau qu’après relecture.
node-entry-title = Saisir un mois
node-entry-computed-title = D’où viennent les nombres
node-entry-month-label = Mois
node-entry-month-hint = Le mois auquel se rapportent les nombres, par exemple 2026-10.
node-entry-proportion-numerator-label = Patients qui remplissent la mesure (numérateur)
node-entry-proportion-numerator-hint = Un nombre entier, au plus égal au nombre de patients comptés ci-dessous.
node-entry-proportion-denominator-label = Patients comptés (dénominateur)
node-entry-proportion-denominator-hint = Un nombre entier : tous les patients que la définition compte ce mois-ci.
node-entry-rate-numerator-label = Événements du mois
node-entry-rate-numerator-hint = Un nombre entier, par exemple les hospitalisations non programmées.
node-entry-rate-denominator-label = Exposition (patients-mois)
node-entry-rate-denominator-hint = Un nombre entier : un pour chaque patient suivi pendant le mois.
node-entry-count-label = Compte du mois
node-entry-count-hint = Un nombre entier.
node-entry-mean-label = Valeur moyenne
node-entry-mean-hint = Un nombre ; décimales avec un point ou une virgule.
node-entry-observations-label = Nombre d’observations
node-entry-observations-hint = Un nombre entier : sur combien de valeurs la moyenne est calculée.
node-entry-save = Enregistrer ce mois
node-entry-saved = { $month } est enregistré. Il partira vers le réseau avec la prochaine publication, après relecture.
node-entry-above = Le numérateur ({ $numerator }) dépasse le dénominateur ({ $denominator }) : une proportion ne peut pas dépasser 100 %. Vérifiez les deux nombres.
node-entry-future = { $month } n’a pas encore commencé ; on ne peut saisir que des mois déjà commencés.
node-entry-not-month = « { $text } » n’est pas un mois : choisissez-en un, ou écrivez-le AAAA-MM, par exemple 2026-10.
node-entry-not-count = { $field } : « { $text } » n’est pas un nombre entier. N’écrivez que des chiffres, par exemple 42.
node-entry-not-number = { $field } : « { $text } » n’est pas un nombre. Par exemple 3,5.
node-entry-computed = Cette mesure est calculée à partir de l’extraction de la clinique : elle ne se saisit pas. Pour corriger un mois, importez une extraction corrigée.
node-entry-partner = Les membres de la clinique saisissent les valeurs mensuelles ; les patients partenaires peuvent les lire ici.
node-extract-link = Importer une extraction
node-extract-last = L’extraction a été importée pour la dernière fois le { $date }.
node-extract-never = Aucune extraction n’a encore été importée.

## L’extraction.
node-extract-title = L’extraction de la clinique
node-extract-lede = Importez l’extraction par patient de votre registre en fichiers CSV, un par table. Les lignes restent sur ce serveur et ne sont jamais envoyées : le nœud en calcule les nombres de chaque mois, et seuls ces nombres peuvent sortir, après relecture.
node-extract-table-file = Dernier import : { $file }, { $rows } lignes, le { $date }, par { $by }.
node-extract-table-none = Pas encore importée.
node-import-heading = Importer des fichiers
node-import-files-label = Fichiers CSV
node-import-files-hint = Un fichier par table, avec en première ligne les noms de colonnes indiqués ci-dessous. Les dates s’écrivent AAAA-MM-JJ. Vous pouvez choisir plusieurs fichiers à la fois.
node-import-date-label = Jour de l’extraction (facultatif)
node-import-date-hint = Les mois terminés au moins deux semaines avant ce jour sont calculés. Laissez vide pour aujourd’hui.
node-import-submit = Importer et calculer
node-import-running = { $by } importe { $file } : { $rows } lignes lues, { $rate } lignes par seconde{ $left }. Cette page se met à jour toute seule.
node-import-left = , encore environ { $seconds } s
node-import-done = Le dernier import a lu { $rows } lignes pour { $patients } patients et calculé { $first } à { $last } : { $added } nouvelles valeurs, { $changed } modifiées.
node-import-no-month = Le dernier import est terminé, mais aucun mois n’est encore complet pour cette extraction.
node-import-changed = Les valeurs modifiées passent par la relecture avant d’être transmises : { $months }.
node-import-refused = Rien n’a été importé : { $file } a { $count ->
    [one] un problème
   *[other] { $count } problèmes
    } à corriger d’abord.
node-import-more = … et { $count } de plus.
node-import-no-dictionary = Le réseau n’a pas envoyé de dictionnaire de données : aucune mesure n’est calculée à partir d’une extraction ; saisissez les valeurs mensuelles sur la page de chaque mesure.
node-import-no-files = Choisissez au moins un fichier CSV à importer.
node-import-busy = Un import est déjà en cours ; attendez qu’il se termine, puis réessayez.
node-import-bad-date = « { $text } » n’est pas une date ; choisissez un jour, ou écrivez-le AAAA-MM-JJ.
node-dictionary-heading = Ce que contient chaque fichier
node-dictionary-lede = Le dictionnaire de données du réseau : chaque table est un fichier CSV, et chaque ligne ci-dessous une de ses colonnes. Les colonnes non listées sont ignorées et non conservées.
node-field-column = Colonne
node-field-holds = Contient
node-field-about = Ce que cela signifie
node-field-key = Un identifiant (conservé sur ce serveur seulement)
node-field-date = Une date, AAAA-MM-JJ
node-field-boolean = true ou false
node-field-integer = Un nombre entier de { $min } à { $max }
node-field-choice = L’un de : { $values }
node-field-optional = peut être vide
audit-extract-imported = Extraction importée

## Ce qui est à faire, sur la page d’accueil.
node-due-title = À faire
node-due-nothing = Rien à faire : chaque mesure a son mois, et rien n’attend d’être transmis.
node-due-measure = Saisir { $month } pour « { $title } »
node-due-extract = Importer l’extraction qui couvre { $month }, pour que les mesures calculées l’incluent
node-due-study = { $count ->
    [one] Un cycle PDSA est prêt à être étudié
   *[other] { $count } cycles PDSA sont prêts à être étudiés
}
node-due-approve = { $count ->
    [one] Une publication attend l’approbation d’un responsable de la clinique
   *[other] { $count } publications attendent l’approbation d’un responsable de la clinique
}
node-offline = Ce nœud n’a pas joint le concentrateur du réseau depuis le { $date }. Le travail est conservé ici et sera envoyé dès que le concentrateur sera joignable.
node-offline-never = Ce nœud n’a pas encore joint le concentrateur du réseau. Le travail est conservé ici et sera envoyé à la première synchronisation.
node-refused-title = Éléments refusés par le concentrateur
node-due-release = { $count ->
    [one] Une fiche a des modifications pas encore transmises : préparez une publication à relire
   *[other] { $count } fiches ont des modifications pas encore transmises : préparez une publication à relire
}

## La première mise en route.
node-setup-title = Mettre en route ce nœud
node-setup-intro = Vous êtes la première personne sur le nœud de cette clinique : vous en devenez le responsable, qui approuve ce qui sort et ajoute le reste de l’équipe. Inscrivez le nœud auprès du concentrateur de votre réseau avec le code que l’administrateur du réseau vous a envoyé.
node-setup-key = Cette page ne s’ouvre qu’à partir de l’adresse de mise en route affichée par tandem-node serve sur le serveur de la clinique. Ouvrez cette adresse, ou demandez à la personne qui a installé le nœud.
node-setup-name = Votre nom
node-setup-name-hint = Tel que l’équipe vous connaît ; vous vous connecterez avec.
node-setup-hub = L’adresse du concentrateur du réseau
node-setup-hub-hint = Fournie par l’administrateur du réseau, par exemple https://hub.example.org:8443
node-setup-code = Code d’inscription
node-setup-code-hint = Le code à usage unique de l’administrateur du réseau. Collez-le en entier.
node-setup-submit = Inscrire le nœud et créer mon compte
node-setup-name-missing = Écrivez votre nom : vous vous connecterez avec.
node-setup-enrol-missing = Indiquez l’adresse du concentrateur et le code d’inscription : tous deux viennent de l’administrateur du réseau.
node-setup-done = Le nœud est en route. Vérifiez les informations ci-dessous, puis choisissez votre mot de passe.
node-setup-network = Réseau
node-setup-clinic = Cette clinique, telle que le réseau la connaît
node-setup-ca = Empreinte de l’autorité de certification du réseau (SHA-256)
node-setup-password = Choisir mon mot de passe

## Publications : relecture, approbation et journal des envois.
node-nav-releases = Publications
node-releases-title = Publications
node-releases-lede = Rien ne quitte ce nœud avant qu’une personne ait lu exactement ce qui sortirait et qu’un responsable de la clinique ait approuvé ces octets. Préparez une publication, relisez chaque texte, puis un responsable l’approuve.
node-release-prepare = Préparer une publication de tout ce qui n’est pas encore transmis
node-release-nothing = Tout est déjà transmis : il n’y a rien à préparer.
node-releases-waiting = Préparées, en attente de relecture
node-release-prepared = Préparée le { $date }, { $items } fiches
node-release-approved = Publication approuvée : elle porte le numéro { $sequence } dans le journal des envois et part à la prochaine synchronisation.
node-release-withdrawn = La publication { $sequence } a été retirée ; ses fiches sont de nouveau à transmettre.
node-outbox-title = Journal des envois
node-outbox-lede = Tout ce qui a été approuvé sur ce nœud : qui l’a approuvé et quand, si le concentrateur l’a reçu, et le SHA-256 des octets exacts.
node-outbox-empty = Rien n’a encore été approuvé.
node-outbox-number = Numéro
node-outbox-approved = Approuvée
node-outbox-state = État
node-outbox-hash = SHA-256 de ce qui est parti
node-outbox-actions = Actions
node-outbox-waiting = En attente de la prochaine synchronisation
node-outbox-delivered = Remise au concentrateur
node-outbox-refused = Refusée par le concentrateur
node-withdraw = Retirer
node-withdraw-confirm = Oui, la reprendre
node-withdraw-confirm-missing = Cochez « Oui, la reprendre » pour retirer la publication.
node-releases-back = Toutes les publications
node-release-title = Publication { $id }
node-release-status-open = Préparée pour relecture : pas encore approuvée.
node-release-status-approved = Approuvée : elle est dans le journal des envois.
node-release-status-withdrawn = Retirée avant d’atteindre le concentrateur.
node-release-problems = Cette publication ne peut pas être approuvée en l’état :
node-release-review-lede = Pour chaque texte : à gauche, ce que l’équipe a écrit, chaque mot identifiant trouvé étant marqué et nommé ; à droite, ce qui sortirait. Ajoutez un masquage oublié, ou retirez-en un qui n’identifie personne ; la publication est alors refaite.
node-review-original = Ce que l’équipe a écrit
node-review-leaves = Ce qui sortirait
node-review-dismissed = Marqués comme non identifiants :
node-review-change = Modifier les masquages de ce texte
node-review-remove = « { $text } » n’identifie personne : le garder
node-review-quote = Mots à masquer
node-review-quote-hint = Copiez-les exactement depuis le texte de gauche.
node-review-category = Ce qu’ils sont
node-review-add = Masquer ces mots
node-redaction-empty = Écrivez les mots à masquer, copiés exactement depuis le texte.
node-redaction-not-found = « { $quote } » ne figure pas dans ce texte ; copiez les mots exactement, avec les mêmes majuscules et espaces.
node-redaction-stale = Ce texte a changé depuis l’affichage de la page ; ouvrez de nouveau la publication et choisissez sur le nouveau texte.
node-release-payload = Ce qui sortirait, exactement
node-release-hash = Son SHA-256 :
node-release-json = Le JSON, octet pour octet
node-approve = Approuver cette publication
node-approve-confirm = J’ai lu ce qui sortirait, et cela n’identifie personne
node-approve-confirm-missing = Cochez la case pour indiquer que vous avez lu ce qui sortirait.
node-approve-lead-only = Un responsable de la clinique approuve les publications.
node-kind-project = Projet
node-kind-cycle = Cycle PDSA
node-kind-partnership = Profil de partenariat
node-kind-practice = Pratique
node-kind-measure_value = Valeur mensuelle
node-category-name = nom
node-category-date = date
node-category-age = âge
node-category-phone = numéro de téléphone
node-category-email = adresse électronique
node-category-url = adresse web
node-category-ip = adresse IP
node-category-id = identifiant
node-category-address = adresse postale
node-category-postal = code postal
node-category-location = lieu
node-text-title = Titre
node-text-aim = Objectif
node-text-summary = Résumé pour les familles
node-text-detail = Détail pour les cliniciens
node-text-change_idea = Idée de changement
node-text-plan-objective = Planifier : objectif
node-text-plan-prediction = Planifier : prédiction
node-text-plan-what = Planifier : quoi
node-text-plan-who = Planifier : qui
node-text-plan-when = Planifier : quand
node-text-plan-where = Planifier : où
node-text-plan-data = Planifier : données à recueillir
node-text-do-happened = Faire : ce qui s’est passé
node-text-do-observations = Faire : observations
node-text-study-results = Étudier : résultats
node-text-act-next_step = Agir : étape suivante

## Synchronisation.
node-nav-sync = Synchronisation
node-sync-title = Synchroniser avec le réseau
node-sync-lede = Le nœud envoie les publications approuvées au concentrateur du réseau et en rapporte les définitions et les pratiques du réseau, selon son horaire et chaque fois qu’on le demande. Rien n’est perdu quand le concentrateur est injoignable : le travail attend ici.
node-sync-now = Synchroniser maintenant
node-sync-done = Synchronisé : { $sent } publications envoyées, { $accepted } éléments acceptés, { $refused } refusés.
node-sync-failed = La synchronisation n’a pas abouti : { $why }
node-sync-none-refused = Le concentrateur n’a rien refusé.
node-sync-retry = Le concentrateur ne garde rien de ce qu’il refuse. Pour renvoyer un élément refusé, corrigez la fiche que le motif désigne, puis préparez une nouvelle publication :
node-sync-when = Quand
node-sync-item = Élément
node-sync-reason = Le motif du concentrateur
node-sync-release = Publication { $sequence }
