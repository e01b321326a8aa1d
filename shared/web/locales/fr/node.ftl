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
node-hub = Hub du réseau
node-last-sync = Dernière synchronisation avec le hub
node-never = Jamais
node-certificate = Certificat valable jusqu’au
node-definitions = Définitions du réseau
node-definitions-version = Version { $version }, { $measures } indicateurs
node-definitions-none = Pas encore : elles arrivent avec la première synchronisation
node-work = Le travail de l’équipe
node-count-unreleased = Fiches pas encore transmises
node-count-pending = Transmissions approuvées, en attente d’envoi
node-count-delivered = Transmissions remises au hub
node-count-errors = Éléments refusés par le hub
node-api-note = Les scripts peuvent utiliser l’API JSON du nœud sous /api/v1 avec un jeton personnel créé dans Mon compte.

## Entrées du journal d’audit d’un nœud.
audit-release-approved = Transmission approuvée
audit-release-withdrawn = Transmission retirée
audit-roster-changed = Liste de noms modifiée
