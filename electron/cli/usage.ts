/** A mistake in how the command was typed: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command ran but the school file or the data said no: exit code 1. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

export const usage = `Sésame — identifiants ENT de l'école, hors ligne.

Usage : sesame [--db FICHIER] [--key-file FICHIER] [--verbose] COMMANDE [options]

Commandes :
  demo                          charge l'école de démonstration dans un fichier vide
  list [filtres] [--sort K1[,K2]] [--json]
                                liste les comptes sélectionnés
  import FICHIER... [--dry-run] [--json] [--replace-demo] [--accept-other-school]
                                importe des exports (ENT, ONDE, SIECLE, STS-Web, CSV/Excel) ;
                                --dry-run montre l'aperçu sans rien enregistrer ; les rattachements
                                parent ↔ enfant ambigus sont laissés de côté et listés ;
                                --replace-demo remplace l'école de démonstration par la vôtre ;
                                --accept-other-school importe un fichier qui semble venir
                                d'un autre établissement (à vérifier d'abord)
  pdf --layout 1|2|8 --out FICHIER.pdf [filtres] [--sort K1[,K2]]
      [--cover-pages] [--hand-out-list] [--date AAAA-MM-JJ]
                                fiches de connexion en PDF : lettre A4, 2 A5 par page ou
                                8 cartes à découper ; page de garde et liste d'émargement
                                par classe en option ; avec --class, chaque classe choisie
                                a sa pile complète (une personne de deux classes choisies
                                a une fiche dans chacune)
  export --out FICHIER.xlsx|FICHIER.csv [--kind word|directory|ent-import] [filtres] [--sort K1[,K2]]
                                exporte la sélection : publipostage Word (défaut), annuaire
                                au format ENT, ou fichiers d'import ENT (un par profil :
                                FICHIER-eleves.csv, FICHIER-responsables.csv…) ; --out peut
                                aussi être un dossier (noms automatiques, --format xlsx|csv)
  export --word-templates DOSSIER
                                écrit les lettres types Word (élèves, parents, personnels)
  mail [filtres] [--sort K1[,K2]] [--dry-run] [--resume N] [--json]
                                envoie à chaque compte sélectionné ses identifiants par
                                courriel ; --dry-run montre qui recevrait quoi, sans rien
                                envoyer ; --resume N reprend l'envoi n° N sans rien envoyer
                                deux fois. Serveur : Paramètres → Messagerie, ou les
                                variables SESAME_SMTP_URL (smtps://utilisateur:motdepasse@
                                serveur:465) et SESAME_SMTP_FROM (adresse d'expéditeur)
  todo [--all] [--json] | --done N[,N] | --checklist FICHIER.pdf | --guests FICHIER.csv
                                « À faire dans l'ENT » : ce qui est enregistré dans Sésame et
                                reste à faire dans la console de l'ENT ; --done note des tâches
                                « Fait dans l'ENT » ; --checklist écrit la liste à cocher avec
                                les étapes de la console ; --guests le fichier d'import des invités
  encrypt [--sheet FICHIER.pdf] chiffre le fichier d'école (sauvegarde d'abord) avec la clé
                                donnée, ou une nouvelle clé dont la fiche de secours est
                                écrite dans --sheet
  decrypt                       remet le fichier d'école en clair (sauvegarde chiffrée d'abord)
  api MÉTHODE [JSON]            appelle directement une méthode de l'API (réponse JSON)

Filtres (communs à toutes les commandes qui sélectionnent des comptes) :
  --profile student,relative,teacher,personnel,guest
  --class NOM[,NOM]   --level NIVEAU   --search TEXTE
  --activated yes|no  --email yes|no   --local-admin yes|no
  --blocked yes|no    --pre-deleted yes|no   --handed-out yes|no
  --created-before AAAA-MM-JJ   --created-since AAAA-MM-JJ
  --source ENT,SIECLE,ONDE,STS,MANUEL,DEMO,CSV (origine du compte)
  --in-ent yes|no     déjà dans l'ENT (identifiant et code de l'ENT) ou pas encore
  --search cherche le début des mots du nom, du prénom, du login ou de l'alias,
  sans tenir compte des accents, des majuscules ni des traits d'union.
Tri : --sort profile|class[,profile|class], puis nom et prénom.

Fichier d'école : --db, sinon la variable SESAME_DB, sinon celui de l'application.
Fichier chiffré : sa clé de secours dans la variable SESAME_KEY ou dans --key-file FICHIER ;
un nouveau fichier créé avec une clé est chiffré, sans clé il est créé en clair.
Contrôle quotidien : le premier appel du jour (ou l'application) vérifie le fichier, le
sauvegarde et fait le ménage prévu ; les appels suivants du jour s'en dispensent. --verbose
dit quand ce contrôle a été fait.
Codes de sortie : 0 succès, 1 erreur (message en français), 2 commande mal formée.`;
