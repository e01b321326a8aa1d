## La mise en page commune.
layout-skip = Aller au contenu
layout-nav = Menu principal
layout-account = Mon compte
layout-logout = Se déconnecter
nav-people = Personnes
nav-audit = Journal d’audit
layout-switch = Read this page in English

## Pages d’erreur.
problem-invalid-title = Un élément du formulaire est à corriger
problem-invalid-hint = Revenez en arrière, corrigez ce qui est indiqué ci-dessus et renvoyez le formulaire.
problem-login-title = Veuillez vous connecter
problem-login-hint = Cette page demande une connexion. Connectez-vous puis réessayez.
problem-forbidden-title = Votre rôle ne permet pas cette action
problem-forbidden-hint = Si vous en avez besoin, demandez à un administrateur de modifier votre rôle.
problem-not-found-title = Cette page n’existe pas
problem-not-found-hint = Vérifiez l’adresse, ou repartez de la page d’accueil.
problem-method-title = Cette page ne s’utilise pas ainsi
problem-method-hint = Utilisez les liens et les boutons des pages.
problem-conflict-title = Ce n’est pas possible pour le moment
problem-conflict-hint = Lisez ce qui est indiqué ci-dessus, puis réessayez.
problem-too-large-title = L’envoi est trop volumineux
problem-too-large-hint = Envoyez-en moins à la fois.
problem-too-many-title = Trop de tentatives
problem-too-many-hint = Patientez quelques minutes, puis réessayez.
problem-server-title = Un problème est survenu de notre côté
problem-server-hint = Vous n’y êtes pour rien. Réessayez dans quelques minutes ; si le problème persiste, prévenez votre administrateur : la cause figure dans le journal du serveur.
problem-other-title = La demande n’a pas pu aboutir
problem-other-hint = Réessayez, ou repartez de la page d’accueil.
problem-home = Aller à la page d’accueil
problem-detail-english = Détail (en anglais) :
problem-status = Code d’erreur

## Connexion.
login-title = Se connecter
login-password = Mot de passe
login-submit = Se connecter
login-help = Mot de passe oublié ? Demandez à un administrateur un nouveau lien pour le définir.
login-failed = Cet identifiant et ce mot de passe ne correspondent à aucun compte. Vérifiez-les et réessayez.
login-wait = Trop de tentatives infructueuses. Patientez { $minutes } minute(s) puis réessayez, ou demandez à un administrateur un nouveau lien.

## Choix du mot de passe.
password-title = Choisissez votre mot de passe
password-intro = Ce lien ne fonctionne qu’une fois. Choisissez votre propre mot de passe ; un gestionnaire de mots de passe peut vous en proposer un.
password-login = Votre identifiant
password-new = Nouveau mot de passe
password-hint = Au moins 12 caractères. Plusieurs mots à la suite font un bon mot de passe.
password-confirm = Le même mot de passe, à nouveau
password-submit = Enregistrer le mot de passe
password-mismatch = Les deux mots de passe diffèrent. Saisissez-les à nouveau.
password-rules = Choisissez un mot de passe d’au moins { $min } caractères, différent de votre identifiant.
password-current-wrong = Votre mot de passe actuel est incorrect. Saisissez-le à nouveau.

## Mon compte.
account-title = Mon compte
account-who = Vous êtes connecté en tant que
account-tokens = Jetons d’API personnels
account-tokens-intro = Un jeton permet à un script d’utiliser l’API JSON en votre nom, avec Authorization: Bearer. Révoquez ceux que vous n’utilisez plus.
account-token-once = Copiez ce jeton maintenant : il n’est affiché que cette fois-ci.
account-token-new = Nouveau jeton
account-no-tokens = Vous n’avez aucun jeton.
account-token-name = Nom du jeton
account-created = Créé le
account-last-used = Dernière utilisation
account-state = État
account-revoked = Révoqué
account-revoke = Révoquer
account-token-create = Créer un jeton
account-never = Jamais
account-password = Changer mon mot de passe
account-password-current = Mot de passe actuel
account-password-change = Changer le mot de passe

## Personnes.
people-title = Personnes
people-link-once = Transmettez dès maintenant ce lien à la personne concernée ; il n’est affiché que cette fois-ci et ne fonctionne qu’une fois, pendant { $hours } heures :
people-link = Lien pour définir le mot de passe
people-list = Toutes les personnes qui peuvent se connecter
people-name = Nom
people-role = Rôle
people-state = État
people-actions = Actions
people-you = C’est vous
people-clinic = Clinique
people-no-clinic = Aucune clinique
people-change-role = Modifier le rôle
people-reset = Envoyer un lien de réinitialisation
people-enable = Réactiver
people-disable = Désactiver
people-add = Ajouter une personne
people-add-submit = Ajouter et créer un lien
people-clinic-hint = Les membres d’une clinique voient leur propre clinique sous son nom.
people-disabled = Désactivé
people-active = Actif
people-invited = Invité (pas encore de mot de passe)

## Journal d’audit.
audit-title = Journal d’audit
audit-intro = Qui a fait quoi, et quand. Il ne contient jamais de données sur les patients.
audit-export = Le télécharger en CSV
audit-empty = Rien n’a encore été enregistré.
audit-caption = Les 500 entrées les plus récentes
audit-when = Quand
audit-who = Qui
audit-what = Quoi
audit-object = Sur quoi
audit-detail = Détail
audit-login = Connexion
audit-login-failed = Échec de connexion
audit-logout = Déconnexion
audit-password-set = Mot de passe défini
audit-token-created = Jeton d’API créé
audit-token-revoked = Jeton d’API révoqué
audit-person-added = Personne ajoutée
audit-role-changed = Rôle modifié
audit-person-disabled = Compte désactivé
audit-person-enabled = Compte réactivé
audit-reset-link-issued = Lien de réinitialisation émis

# A measure's series: its chart, its signals and its data table.
series-table-summary = Tableau des données : { $title }, mois par mois
series-heading-proportion = Pourcentage
series-heading-rate = Pour { $multiplier } { $unit }
series-heading-count = Nombre
series-heading-mean = Moyenne ({ $unit })
series-family-outcome = Indicateur de résultat
series-family-process = Indicateur de processus
series-family-balancing = Indicateur d’équilibre
series-higher-better = plus c’est haut, mieux c’est
series-lower-better = plus c’est bas, mieux c’est
series-shift = déplacement
series-trend = tendance
series-chart-p = carte p
series-chart-u = carte u
series-chart-c = carte c
series-chart-i = carte des valeurs individuelles
series-chart-pp = carte p′ de Laney
series-chart-up = carte u′ de Laney
series-why-laney = Ceci est une { $chart } : avec des dénominateurs aussi grands, les mois varient { $sigma } fois plus que le seul hasard ne le ferait, et ses limites sont élargies en conséquence. Un mois hors de ces limites se distingue de la variation habituelle du réseau d’un mois à l’autre, et pas seulement du hasard.
series-why-plain = Ceci est la { $chart }, et non la { $default } par défaut : ses limites ne tiennent compte que du hasard, et avec de grands dénominateurs la plupart des mois en sortent.
series-show-plain = Afficher la { $chart }
series-show-default = Afficher la { $chart } (par défaut)
series-beyond = { $count ->
    [one] 1 mois hors des limites
   *[other] { $count } mois hors des limites
}
series-runs = { $count ->
    [one] 1 autre dans un déplacement ou une tendance
   *[other] { $count } autres dans un déplacement ou une tendance
}
series-runs-signal = l’analyse des séquences signale une configuration non aléatoire
series-list = { $first } et { $last }
series-suggested-breaks = { $count ->
    [one] un déplacement durable suggère une nouvelle ligne centrale à partir de { $months } (non appliquée)
   *[other] des déplacements durables suggèrent de nouvelles lignes centrales à partir de { $months } (non appliquées)
}
series-signals = { $chart } : { $parts }
series-no-signal = { $chart } : aucun signal de variation de cause spéciale
series-too-few = Trop peu de mois pour une carte de contrôle pour l’instant.
series-col-month = Mois
series-col-numerator = Numérateur
series-col-denominator = Dénominateur
series-col-limits = Limites de contrôle
series-col-signal = Signal
series-col-network = Ligne centrale du réseau
series-network-note = La ligne violette en pointillé est la ligne centrale du réseau, tirée de sa propre carte de contrôle sur { $months } mois où assez de cliniques ont contribué pour qu’elle soit partagée.

# Funnel plots and suppressed months.
chart-suppressed = masqué (petit effectif, retenu)
funnel-axis-denominator = Patients comptés (dénominateur)
funnel-target = valeur du réseau
funnel-limits = limites à 95 % et 99,8 %
funnel-outside-95 = hors des 95 %
funnel-outside-998 = hors des 99,8 %

## What the scrubber finds, as reviewers read it
category-name = nom
category-date = date
category-age = âge
category-phone = numéro de téléphone
category-email = adresse électronique
category-url = adresse web
category-ip = adresse IP
category-id = identifiant
category-address = adresse postale
category-postal = code postal
category-location = lieu
