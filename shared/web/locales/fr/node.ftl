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
node-review-quote-hint = Copiez-les exactement depuis le texte de gauche, ou sélectionnez-les à la souris.
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

## Projets, cycles, partenariat, pratiques, paramètres
node-nav-projects = Projets
node-nav-practices = Pratiques
node-nav-partnership = Partenariat
node-nav-settings = Paramètres
node-back = Retour
node-save = Enregistrer
node-gate = Diffusion
node-gate-draft = Pas encore diffusé
node-gate-changed = Modifié depuis sa diffusion
node-gate-released = Diffusé
node-not-found = Il n’y a pas de { $kind } de ce nom sur ce nœud. L’adresse est peut-être mal saisie, ou elle appartient à une autre clinique.
node-thing-project = projet
node-thing-cycle = cycle
node-thing-partnership = profil de partenariat
node-thing-practice = pratique
node-thing-measure_value = valeur mensuelle
node-form-not-month = { $field } : « { $text } » n’est pas un mois. Choisissez-en un, ou écrivez l’année et le mois, par exemple 2026-03.
node-projects-title = Projets
node-projects-lede = Chaque projet a un objectif, les indicateurs qui montrent s’il est atteint, et les cycles PDSA qui testent des changements pour y arriver.
node-projects-none = Aucun projet pour l’instant. Commencez par son objectif : ce qui va s’améliorer, pour qui, de combien et d’ici quand.
node-projects-caption = Les projets d’amélioration de la clinique
node-projects-back = Tous les projets
node-project = Projet
node-project-cycles = Cycles
node-project-active = En cours
node-project-new = Nouveau projet
node-project-edit = Modifier ce projet
node-project-since = Depuis { $start }
node-project-aim = Objectif
node-project-aim-hint = Ce qui va s’améliorer, pour qui, de combien et d’ici quand. Par exemple : « D’ici juin, 75 % de nos patients sont en rémission. »
node-project-form-lede = Les noms de patients ou de membres du personnel n’ont pas leur place ici : le titre et l’objectif quittent la clinique une fois approuvés par un responsable, après vérification par le filtre.
node-project-title-label = Titre
node-project-start = Premier mois
node-project-measures = Indicateurs
node-project-measures-hint = Les indicateurs du réseau qui montrent si l’objectif est atteint. Leurs graphiques s’affichent à l’étape Étudier.
node-project-no-measures = Aucun indicateur n’est lié à ce projet.
node-project-team = Équipe
node-project-team-hint = Combien de personnes de chaque sorte font partie de l’équipe. Des nombres seulement : les noms ne quittent jamais la clinique.
node-project-ramps = Cycles
node-ramps-lede = Des cycles qui s’appuient les uns sur les autres forment une rampe : chacun part de ce que le précédent a appris.
node-project-no-cycles = Aucun cycle pour l’instant. Un premier cycle teste un seul changement, à petite échelle.
node-project-partnership = Partenariat
node-team-clinicians = Cliniciens
node-team-other-staff = Autre personnel
node-team-patient-partners = Patients partenaires
node-team-family-partners = Familles partenaires
node-ramp-label = Rampe { $number }
node-ramp-follows = fait suite au cycle { $sequence }
node-ramp-this = La rampe de ce cycle
node-cycle-title = Cycle { $sequence } : { $idea }
node-cycle-new = Commencer un cycle
node-cycle-back = Retour à { $project }
node-cycle-months = De { $start } à { $end }
node-cycle-since = Depuis { $start }
node-cycle-status-planning = Planification
node-cycle-status-doing = Test en cours
node-cycle-status-studying = Étude des résultats
node-cycle-status-acting = Décision à prendre
node-cycle-status-complete = Terminé
node-cycle-from-practice = Vient de la pratique du réseau « { $title } » ({ $clinic }).
node-cycle-from-unknown = Vient d’une pratique du réseau que ce nœud n’a pas encore : synchronisez pour recevoir le catalogue.
node-cycle-new-follows = Ce cycle fait suite au { $cycle }. Son plan part de celui de ce cycle : changez ce que ce test doit apprendre.
node-cycle-new-practice = Ce cycle teste la pratique du réseau « { $title } ». Le lien reste attaché au cycle : le réseau voit ainsi où la pratique se diffuse.
node-cycle-adopt-objective = Essayer « { $title } » tel que le réseau le décrit, à petite échelle, et voir si cela marche ici.
node-cycle-adapt-objective = Essayer « { $title } », adapté à notre clinique, à petite échelle, et voir si cela marche ici.
node-cycle-start-label = Mois où le test commence
node-cycle-end-label = Mois où il se termine
node-cycle-end-hint = Laissez vide si vous ne le savez pas encore.
node-cycle-summary = Tout le cycle, étape par étape
node-steps-label = Étapes de ce cycle
node-step-plan = Planifier
node-step-do = Faire
node-step-study = Étudier
node-step-act = Agir
node-step-done = fait
node-step-current = en cours
node-step-empty = Rien d’écrit pour l’instant.
node-step-plan-lede = Dites ce que vous allez changer, ce que vous prévoyez, et ce que vous compterez pour le savoir.
node-step-do-lede = Faites le test. Notez ce qui s’est passé, y compris ce qui n’a pas suivi le plan.
node-step-study-lede = Comparez ce qui s’est passé avec ce que vous aviez prévu ; les graphiques de la clinique pour les indicateurs du projet sont plus bas.
node-step-act-lede = Décidez quoi faire du changement, et quelle est la prochaine étape.
node-step-plan-advance = Enregistrer le plan et commencer le test
node-step-do-advance = Enregistrer et passer à Étudier
node-step-study-advance = Enregistrer et passer à Agir
node-step-act-advance = Enregistrer la décision et terminer le cycle
node-step-save-only = Enregistrer sans avancer
node-step-saved = Étape « { $step } » enregistrée.
node-step-unknown = Il n’y a pas d’étape « { $step } » : un cycle a les étapes plan, do, study et act.
node-plan-change-idea-label = Le changement
node-plan-change-idea-hint = Le seul changement que ce cycle teste, en une phrase.
node-plan-objective-label = Ce que ce test doit nous apprendre
node-plan-objective-hint = Par exemple : « Savoir si les parents remplissent le formulaire pendant l’attente. »
node-plan-prediction-label = Prédiction
node-plan-prediction-hint = Ce que vous prévoyez, écrit avant le test. L’étape Étudier compare le résultat avec elle.
node-plan-who-label = Qui
node-plan-who-hint = Qui fait le test, et avec qui.
node-plan-what-label = Quoi
node-plan-what-hint = Ce qui sera fait, exactement.
node-plan-when-label = Quand
node-plan-when-hint = Pendant combien de temps, quels jours.
node-plan-where-label = Où
node-plan-where-hint = Quelle journée de clinique, quelle salle ou quelle équipe.
node-plan-data-label = Données à recueillir
node-plan-data-hint = Ce que vous compterez ou demanderez, pour savoir à l’étape Étudier si la prédiction s’est vérifiée.
node-do-happened-label = Ce qui s’est passé
node-do-happened-hint = Le test s’est-il déroulé comme prévu ? Qu’est-ce qui a été différent ?
node-do-observations-label = Ce que nous avons remarqué
node-do-observations-hint = Problèmes, surprises, ce qu’ont dit les familles et le personnel. Aucun nom.
node-study-results-label = Le résultat
node-study-results-hint = Ce que les données ont montré, comparé à la prédiction.
node-study-prediction = Ce que nous avions prévu
node-study-result = Ce qui s’est passé
node-study-no-prediction = Aucune prédiction n’a été notée pour ce cycle.
node-study-result-hint = Écrivez le résultat dans le formulaire ci-dessous.
node-study-charts = Les graphiques de la clinique
node-study-window = De { $from } à { $to } ; le cycle a commencé en { $start }. Les mois d’avant servent de point de départ.
node-study-no-charts = Aucun mois des indicateurs du projet n’a encore été saisi pour cette période.
node-act-decision = Décision
node-act-adopt = Adopter
node-act-adopt-hint = Garder le changement tel quel et en faire notre façon de travailler.
node-act-adapt = Adapter
node-act-adapt-hint = Garder le changement en le modifiant, et le tester à nouveau.
node-act-abandon = Abandonner
node-act-abandon-hint = Arrêter le changement : il n’a pas aidé, ou il coûtait trop.
node-act-continue = Continuer
node-act-continue-hint = Tester à nouveau, peut-être à plus grande échelle ou dans d’autres conditions.
node-act-next-step-label = Prochaine étape
node-act-next-step-hint = Ce que l’équipe fera ensuite. Le cycle suivant part de là.
node-act-no-decision = Choisissez une décision (adopter, adapter, abandonner ou continuer) pour terminer le cycle, ou enregistrez sans avancer.
node-act-bad-decision = Cette décision n’est pas adopter, adapter, abandonner ou continuer.
node-next-title = La suite
node-next-decided = L’équipe a décidé : { $decision }.
node-next-cycle = Commencer le cycle suivant
node-next-practice = En faire une pratique à partager
node-prompts-title = À regarder
node-prompt-fix = Y aller
node-prompt-prediction = Pas encore de prédiction. Noter ce que vous prévoyez avant le test, c’est ce qui permet d’en tirer une leçon.
node-prompt-data = Aucune donnée prévue. Dites ce que vous compterez, pour pouvoir le comparer à la prédiction.
node-prompt-link = Ce cycle n’est lié à aucun cycle précédent. Des cycles qui s’appuient les uns sur les autres apprennent plus vite : indiquez à quel cycle il fait suite.
node-prompt-study = Le résultat n’est pas encore noté. Notez ce que les données ont montré avant de décider.
node-link-title = Lier à un cycle précédent
node-link-label = Ce cycle fait suite au
node-link-save = Lier les cycles
node-link-other-project = Un cycle ne peut faire suite qu’à un cycle du même projet.
node-pulse-title = Pouls du partenariat
node-pulse-lede = Comment les patients et familles partenaires ont participé. Cela prend environ une minute : où, à quel degré dans chaque phase, et ce qui a rendu le partenariat équitable.
node-pulse-none = Pas encore noté.
node-pulse-record = Noter le pouls du partenariat
node-pulse-saved = Pouls du partenariat enregistré.
node-pulse-place = Lieu
node-pulse-place-question = Où le partenariat a-t-il eu lieu ?
node-pulse-phase = Phase
node-pulse-phase-question = À quel degré les partenaires ont-ils participé à chaque phase ?
node-pulse-depth-hint = Consultés : on a demandé leur avis. Impliqués : ils ont pris part au travail. Partenaires : ils ont partagé les décisions.
node-pulse-parity = Parité
node-pulse-no-place = Choisissez où le partenariat a eu lieu.
node-pulse-bad-depth = Choisissez pas du tout, consultés, impliqués ou partenaires pour chaque phase.
node-place-direct_care = Soins directs
node-place-clinic = La clinique
node-place-organisation = L’établissement
node-place-system = Le système de santé
node-phase-design = Conception
node-phase-plan = Planification
node-phase-implement = Mise en œuvre
node-phase-evaluate = Évaluation
node-depth-none = Pas du tout
node-depth-consulted = Consultés
node-depth-involved = Impliqués
node-depth-partner = Partenaires
node-parity-people = { $patients } patients ou familles partenaires, { $professionals } professionnels
node-parity-patients = Patients et familles partenaires dans l’équipe
node-parity-professionals = Professionnels dans l’équipe
node-parity-compensation = Les partenaires ont été payés ou dédommagés pour leur temps
node-parity-preparation = Une préparation et une formation ont été offertes aux partenaires
node-parity-support_contact = Les partenaires avaient une personne désignée vers qui se tourner
node-parity-shared_leadership = La direction du travail a été partagée avec les partenaires
node-parity-power_balance = L’équipe a agi sur les déséquilibres de pouvoir (par exemple, les partenaires parlaient en premier)
node-parity-vulnerability = La santé, la vie privée et la dépendance aux soins des partenaires ont été protégées
node-voice-title = Votre avis de partenaire
node-voice-about = Les patients partenaires répondent eux-mêmes à trois questions. Personne ne voit une réponse seule : l’équipe voit seulement combien ont choisi chaque réponse, et seulement à partir de 5 partenaires.
node-voice-private = Seuls des totaux sont affichés, et seulement à partir de 5 réponses. Personne, pas même le responsable de la clinique, ne peut voir vos propres réponses.
node-voice-source = Les questions sont adaptées des outils d’engagement PPEET et PEET. Ce n’est pas un instrument validé.
node-voice-had-needed = J’avais ce qu’il me fallait pour participer.
node-voice-heard = J’ai été écouté·e.
node-voice-influence = Je vois l’effet de ma participation sur ce travail.
node-voice-scale-1 = Pas du tout d’accord
node-voice-scale-2 = Pas d’accord
node-voice-scale-3 = Ni l’un ni l’autre
node-voice-scale-4 = D’accord
node-voice-scale-5 = Tout à fait d’accord
node-voice-send = Envoyer mes réponses
node-voice-answer = Répondre aux trois questions
node-voice-change = Modifier mes réponses
node-voice-again = Vous avez déjà répondu. Envoyer le formulaire à nouveau remplace vos réponses précédentes.
node-voice-saved = Merci : vos réponses sont enregistrées.
node-voice-missing = Choisissez une réponse à chacune des trois questions.
node-voice-question = Question
node-voice-caption = Les réponses de { $count } partenaires
node-voice-few = { $count ->
    [0] Aucun partenaire n’a encore répondu.
    [one] Un partenaire a répondu.
   *[other] { $count } partenaires ont répondu.
} Les totaux s’affichent à partir de { $fewest } réponses.
node-yearly-title = Autoévaluation du partenariat
node-yearly-lede = Une fois par an, l’équipe et ses partenaires regardent ensemble toute la grille : à chaque lieu, à quel degré les partenaires ont participé à chaque phase. La dernière colonne montre ce que les pouls de l’année ont noté, pour comparer.
node-yearly-year = Année
node-yearly-show = Afficher
node-yearly-updated = Enregistrée par { $by } le { $date }.
node-yearly-pulses = { $count ->
    [0] Aucun cycle de { $year } n’a encore de pouls du partenariat.
    [one] Un cycle de { $year } a un pouls du partenariat.
   *[other] { $count } cycles de { $year } ont un pouls du partenariat.
}
node-yearly-recorded = Pouls notés
node-yearly-note = Ce que l’équipe a convenu
node-yearly-note-hint = Ce qu’il faut garder, ce qu’il faut changer l’an prochain. Aucun nom : ce texte reste sur ce serveur.
node-yearly-note-long = La note est trop longue : gardez-la sous 2 000 caractères.
node-yearly-bad-year = Choisissez une année entre 2000 et cette année.
node-yearly-saved = Autoévaluation enregistrée.
node-practices-title = Pratiques
node-practices-lede = Des changements qui ont marché, rédigés pour les partager avec le réseau, et peut-être avec les familles.
node-practices-own = Les pratiques de cette clinique
node-practices-none = Aucune pratique rédigée pour l’instant. Quand le changement d’un cycle est adopté, rédigez-la à partir du cycle.
node-practices-back = Toutes les pratiques
node-practice = Pratique
node-practice-new = Rédiger une pratique
node-practice-tags = Étiquettes
node-practice-public = Dans le catalogue public
node-practice-public-yes = Oui
node-practice-public-no = Non
node-practice-form-lede = Deux textes : un résumé que les familles peuvent lire, et le détail dont les autres cliniques ont besoin. Les deux passent par le filtre et l’approbation d’un responsable avant de partir.
node-practice-language = Langue du texte
node-practice-title-label = Titre
node-practice-summary = Pour les familles
node-practice-summary-hint = En mots simples : ce qui change pour une famille, et pourquoi cela aide. Des phrases courtes et des mots de tous les jours.
node-practice-detail = Pour les cliniciens
node-practice-detail-hint = Comment faire, ce qu’il faut, ce à quoi faire attention.
node-practice-conditions = Maladies
node-practice-topics = Thèmes
node-practice-no-vocabulary = Le réseau n’a pas encore publié ses étiquettes : synchronisez pour les recevoir.
node-practice-cycles = Cycles qui l’ont testée
node-practice-no-cycles = Aucun cycle noté pour l’instant.
node-practice-sharing = Partage
node-practice-co-designed = Des patients partenaires l’ont conçue avec nous
node-practice-co-designed-short = Conçue avec des patients
node-practice-public-label = Les familles peuvent la lire dans le catalogue public
node-practice-public-hint = Seuls le titre et le résumé pour les familles sont montrés au public.
node-practice-show-clinic = Afficher le nom de notre clinique avec elle
node-practice-gate = Une fois enregistrée, la pratique reste ici. Elle ne part que dans une diffusion qu’un responsable de la clinique approuve.
node-practice-saved = Pratique enregistrée.
node-practice-bad-cycle = « { $text } » n’est pas un cycle de cette clinique.
node-readability-title = Facilité de lecture
node-readability = { $formula } : { $score } ({ $band }), { $words } mots en { $sentences } phrases.
node-readability-flesch = Facilité de lecture de Flesch
node-readability-kandel-moles = Facilité de lecture de Kandel et Moles
node-readability-easy = facile
node-readability-plain = langage clair
node-readability-fairly-difficult = assez difficile
node-readability-difficult = difficile
node-readability-very-difficult = très difficile
node-readability-fine = La plupart des familles le liront facilement.
node-readability-advice = Essayez des phrases plus courtes et des mots plus courts, de tous les jours. Visez 60 ou plus.
node-readability-short = Le texte est court : le score en dit peu.
node-readability-empty = Écrivez le résumé, puis vérifiez s’il est facile à lire.
node-readability-guide = Un repère, pas une règle : le score ne compte que la longueur des phrases et des mots. Demandez à une famille partenaire de le lire.
node-readability-check = Vérifier la facilité de lecture
node-catalogue-title = Catalogue du réseau
node-catalogue-lede = Des pratiques que d’autres cliniques du réseau ont testées et partagées. Adoptez-en une telle quelle, ou adaptez-la : dans les deux cas, un cycle commence ici.
node-catalogue-link = Le catalogue du réseau ({ $count } pratiques)
node-catalogue-back = Retour au catalogue
node-catalogue-empty = Le catalogue est vide. Il se remplit quand le nœud se synchronise avec le concentrateur du réseau.
node-catalogue-no-match = Aucune pratique ne correspond. Essayez un autre mot.
node-catalogue-search = Chercher dans le catalogue
node-catalogue-search-go = Chercher
node-catalogue-unnamed = une clinique du réseau
node-catalogue-tried-here = { $count ->
    [one] essayée ici dans un cycle
   *[other] essayée ici dans { $count } cycles
}
node-adopt-title = L’essayer ici
node-adopt-project = Dans quel projet
node-adopt-how = Comment
node-adopt-as-is = L’adopter telle quelle
node-adopt-as-is-hint = Tester la pratique telle que le réseau la décrit.
node-adopt-adapt = L’adapter
node-adopt-adapt-hint = La tester modifiée pour convenir à cette clinique.
node-adopt-start = Commencer un cycle
node-adopt-no-project = Un cycle fait partie d’un projet. Commencez d’abord un projet.
node-settings-title = Paramètres
node-settings-lede = La liste de noms et le moment des synchronisations. Les personnes et leurs rôles ont leur propre page :
node-roster-title = Liste de noms
node-roster-lede = Les noms que le filtre retire toujours de ce qui part : personnel, patients partenaires, familles souvent nommées dans les notes.
node-roster-count = { $count ->
    [0] La liste est vide.
    [one] La liste contient un nom.
   *[other] La liste contient { $count } noms.
}
node-roster-label = Un nom par ligne
node-roster-hint = Les lignes qui commencent par # sont des commentaires. Les noms restent sur ce serveur et ne sont jamais envoyés.
node-roster-save = Enregistrer la liste
node-roster-saved = Liste enregistrée : { $count } noms.
node-schedule-title = Calendrier de synchronisation
node-schedule-rule = Règle (cron)
node-schedule-next = Prochaines synchronisations
node-schedule-listen = Pages servies à
node-next-followed = Le cycle suivant de cette rampe est le
node-next-another = Commencer un autre cycle à partir de celui-ci
node-voice-results = Ce que les partenaires ont dit
node-schedule-hint = Cinq champs : minute, heure, jour du mois, mois, jour de la semaine. « */15 * * * * » synchronise tous les quarts d’heure ; « 0 7-19 * * 1-5 » toutes les heures de 7 h à 19 h en semaine. Laissez vide pour revenir à celui de { $file }. Le nœud ajoute son propre délai aléatoire, pour que les cliniques n’appellent pas toutes le concentrateur en même temps.
node-schedule-file = Le fichier de configuration indique { $schedule } ; celui ci-dessus s’applique.
node-schedule-save = Enregistrer le calendrier
node-schedule-saved = Calendrier de synchronisation enregistré : il s’applique dès maintenant.

## Co-design credits of a practice
node-credits = Qui l’a conçue, par rôle
node-credits-hint = Combien de personnes de chaque rôle ont participé. Des nombres seulement, jamais de noms. Laissez vide un rôle sans participant.
node-credit-parent = Parents
node-credit-carer = Autres proches aidants
node-credit-child = Enfants
node-credit-teenager = Adolescents
node-credit-young-adult = Jeunes adultes
node-credit-patient = Patients adultes
node-credit-clinician = Cliniciens
node-credit-staff = Autres membres du personnel
node-stages = Ils ont participé à :
node-stage-design = la conception
node-stage-testing = l’essai
node-stage-review = la relecture
node-credit-consent = Toutes les personnes comptées acceptent d’être mentionnées par rôle dans le catalogue public
node-credit-consent-hint = Sans cela, les nombres restent à la clinique : ils ne sont pas envoyés au réseau.
node-practice-bad-credit = « { $text } » n’est pas un nombre de { $role } : donnez un nombre entier de 1 à 99, ou laissez vide.

## Ce qui ne va pas dans un texte, affiché sur son formulaire.
node-rule-empty = { $field } ne peut pas être vide.
node-rule-too-long = { $field } compte { $length } caractères ; raccourcissez-le à { $max } au plus.
node-rule-control = { $field } contient un caractère de contrôle au caractère { $position } ; retirez-le (seuls les retours à la ligne et les tabulations sont permis).
node-rule-hidden = { $field } contient un caractère invisible au caractère { $position } ; retirez-le : il peut faire lire le texte autrement qu’il n’est écrit.
node-rule-markup = { $field } contient du balisage HTML au caractère { $position } ({ $tag }…) ; écrivez du texte simple : les pages montrent un texte tel qu’il est écrit.

node-clock = Horloge
node-clock-right = À l’heure (à moins de deux minutes de celle du concentrateur)
node-clock-unknown = Vérifiée à la prochaine synchronisation
node-clock-behind = L’horloge de ce serveur retarde de { $amount } sur celle du concentrateur. Remettez-la à l’heure : activez l’heure automatique (timedatectl set-ntp true). Les certificats et le calendrier de synchronisation en dépendent.
node-clock-ahead = L’horloge de ce serveur avance de { $amount } sur celle du concentrateur. Remettez-la à l’heure : activez l’heure automatique (timedatectl set-ntp true). Les certificats et le calendrier de synchronisation en dépendent.
node-amount-days = { $n ->
    [one] 1 jour
   *[other] { $n } jours
}
node-amount-hours = { $n ->
    [one] 1 heure
   *[other] { $n } heures
}
node-amount-minutes = { $n ->
    [one] 1 minute
   *[other] { $n } minutes
}
node-amount-seconds = { $n ->
    [one] 1 seconde
   *[other] { $n } secondes
}
