#!/usr/bin/env bash
# Rebuilds the eight git-ignored real-text evaluation sets (eval/README.md) and the GeoNames UA import:
#   eval/real/rebuild-sets.sh      (OUT defaults to shared/eval-real beside the clone, where the runner looks)
# Needs: node + `npm ci` done in the clone, Rscript (Debian r-base-core), git, unzip.
# The clone must be a full clone holding commit 0fc19e6 (the builders `git show` gazetteer files of it).
# Source repositories: bare mirrors under $MIRROR (in the agent sandbox the `fetch` tool puts them at
# /work/.mirror/<owner>+<name>/repo); when one is missing it is cloned bare from GitHub.
# Note: every builder also rewrites its committed eval/real/*split.tsv; a correct rebuild leaves them
# byte-identical (check `git status`). build-real-set.ts has no OUT argument: it writes
# eval/real/ged-sample.jsonl, which is moved out (the runner prefers eval/real/ over shared/).
set -euo pipefail

CLONE=${CLONE:-$(cd "$(dirname "$0")/../.." && pwd)}
OUT=${OUT:-$CLONE/../shared/eval-real}
SRC=${SRC:-/tmp/evalsrc}
MIRROR=${MIRROR:-/work/.mirror}
GEONAMES=${GEONAMES:-/tmp/geonames}
GZDIR=${GZDIR:-/tmp/gz-ua}

mkdir -p "$OUT" "$SRC" "$GEONAMES"

gitdir() { # owner/name -> bare git dir
  local d="$MIRROR/${1/\//+}/repo"
  if [ ! -d "$d" ]; then
    d="$SRC/mirrors/${1/\//+}.git"
    [ -d "$d" ] || git clone --bare "https://github.com/$1.git" "$d" >&2
  fi
  echo "$d"
}

# 1. Sources, each at the commit eval/README.md names
git --git-dir="$(gitdir cran/uncertainUCDP)" show 5307652:data/ucdpged.rda > "$SRC/ucdpged.rda"
git --git-dir="$(gitdir namin1993/Capstone_Project)" show 2a6992d:segment_3_load_terror_table/static/js/data_terror.js > "$SRC/data_terror.js"
git --git-dir="$(gitdir strickvl/isafpr_finetune)" show be1b439:data/isaf_press_releases_ft_test.jsonl > "$SRC/isaf.jsonl"
git --git-dir="$(gitdir peacerep/ukraine-map)" show b858735:data/UCDP-Ukraine.csv > "$SRC/UCDP-Ukraine.csv"
git --git-dir="$(gitdir pikytkin/Zemlevlasnyk)" show 774c4ed:data/UA.zip > "$SRC/UA.zip"
git --git-dir="$(gitdir knapply/data4ds4da)" show a1a309a:data/ucdp_syria_df.rda > "$SRC/ucdp_syria.rda"
NER=$(gitdir codingtime123/Named-Entity-Recognition-with-NLP)
git --git-dir="$NER" cat-file -e bae7eccc99b1ca894587a959e3d1a707d7f0853a^{commit}
git --git-dir="$NER" cat-file -p 58fc9afa0f36a32e253d34f3526694af0d60e0d9 > "$SRC/ner_dataset.csv.zip"  # the zip's blob at bae7ecc
# Seventh set: UCDP GED per-country copies (HDX's conflict_data_<iso3>.csv; netify's .rda), each at the
# commit that last changed it
mkdir -p "$SRC/ged7"
while read -r repo commit path name; do
  git --git-dir="$(gitdir "$repo")" show "$commit:$path" > "$SRC/ged7/$name"
done <<'LIST'
fariha123/Bangladesh-Conflict-Analysis d74477408fbd75f5de016a99a18ad6bf82cbbb5c conflict_data_bgd.csv bgd.csv
kruedae/Colombia_Events_in_Armed_conflict bb5ddadeaad230f35cfeb690fcf3f338a92882e6 conflict_data_col.csv col.csv
serinsitio/VISDATConflictEventsBokeh e65a1547b5e5382225d4f9f8809b77ccef3dbc06 conflict_data_idn.csv idn.csv
mcdimant/refugee_predictive_model 01a04033fee3bb4bac708a1a049401bea5d665e1 data/conflict_data_irq.csv irq.csv
t-downing/nigeria_rice_model b0131628549aaf74ef60e3d9eed59ae2c5c0697b data/conflict_data_nga.csv nga.csv
Danishshh/Crime-Analysis-and-prediction-on-Pakistan-data 8d3a7c014af606518032ac3dc2618c113799a671 conflict_data_pak.csv pak.csv
crl123321/EDA-of-PH-conflict-dataset 36ab2bcb8de256b298a68b4e42b971bf54f43f2b conflict_data_phl.csv phl.csv
maxmurphy2/gov50-final-project 424c0667ff004bdd3f5b3b15a03555dca4abd08f data/conflict_data_ssd.csv ssd.csv
kmj0084/Turkey c12479eb3957e40f7920aee5df5dee02909b2af6 data/conflict_data_tur.csv tur.csv
netify-dev/netify 7c77dc1aec53e48555804e3602579225ef1021fd data/mexico.rda mexico.rda
netify-dev/netify 7c77dc1aec53e48555804e3602579225ef1021fd data/myanmar.rda myanmar.rda
LIST
GENARG=$(gitdir raspberryice/gen-arg)
git --git-dir="$GENARG" cat-file -e 16d8f908ecf6a9ff5d50042597ac6139157c3edb^{commit}
RE3D=$(gitdir dstl/re3d)
git --git-dir="$RE3D" cat-file -e b061ff06713cad4df7e5cfaed3fd07bf15b2598c^{commit}

# Expected: UA.zip 499fe805…5d0ee4, ner_dataset.csv.zip 200946f1…e14791, ner_dataset.csv 83257dd9…8e8f1a
(cd "$SRC" && sha256sum UA.zip ner_dataset.csv.zip)
unzip -o -q "$SRC/UA.zip" -d "$GEONAMES"            # -> $GEONAMES/UA.txt (45,086 lines)
unzip -o -q "$SRC/ner_dataset.csv.zip" -d "$SRC"    # -> $SRC/ner_dataset.csv (builder checks its sha256)

# 2. UCDP GED sample: .rda -> .tsv with R
#    (and UCDP's Syria events of 2016-2019, a tuning pool)
for set in ucdpged:ucdpged ucdp_syria:ucdp_syria_df; do
  (cd "$SRC" && Rscript -e 'a<-commandArgs(TRUE); load(paste0(a[1],".rda")); d<-as.data.frame(get(a[2])); for (n in names(d)) if (is.character(d[[n]])) d[[n]] <- gsub("[\t\r\n]+"," ", d[[n]]); for (n in c("date_start","date_end","source_date")) d[[n]]<-as.character(d[[n]]); write.table(d, paste0(a[1],".tsv"), sep="\t", quote=FALSE, row.names=FALSE, na="")' "${set%%:*}" "${set##*:}")
done

#    netify's GED data frames -> CSV, days as YYYY-MM-DD
for c in mexico myanmar; do
  Rscript -e 'a<-commandArgs(TRUE); e<-new.env(); load(a[1],envir=e); x<-as.data.frame(get(ls(e)[1],e)); for (n in names(x)) if (inherits(x[[n]],"POSIXct")||inherits(x[[n]],"Date")) x[[n]]<-format(x[[n]],"%Y-%m-%d"); write.csv(x,a[2],row.names=FALSE,na="")' "$SRC/ged7/$c.rda" "$SRC/ged7/$c.csv"
done

# 3. Build the eight sets (file names are the ones eval/real/run-real-eval.ts looks for)
cd "$CLONE"
node --import tsx eval/real/build-real-set.ts "$SRC/ucdpged.tsv"
node --import tsx eval/real/build-real-set.ts --pool "$OUT/ucdp-syria-pool.jsonl" "$SRC/ucdp_syria.tsv"
node --import tsx eval/real/build-real-set.ts --fresh "$OUT/ged-countries.jsonl" "$SRC"/ged7/*.csv
#    the 11 countries' other headlines, and the headline pool read twice (tuning pools, all dev)
node --import tsx eval/real/build-real-set.ts --pool "$SRC/ged7-pool.jsonl" "$SRC"/ged7/*.csv
node --import tsx eval/real/build-headline-pool.ts "$SRC/ged7-pool.jsonl" "$OUT/ged-countries.jsonl" "$OUT/headline-pool.jsonl"
mv eval/real/ged-sample.jsonl "$OUT/ged-sample.jsonl"
node --import tsx eval/real/build-wiki-set.ts "$SRC/data_terror.js" "$OUT/wiki-incidents.jsonl"
node --import tsx eval/real/build-isaf-set.ts "$SRC/isaf.jsonl" "$OUT/isaf-releases.jsonl"
node --import tsx eval/real/build-re3d-set.ts "$RE3D" "$OUT/re3d-paragraphs.jsonl"
node --import tsx eval/real/build-ua-set.ts "$SRC/UCDP-Ukraine.csv" "$GEONAMES/UA.txt" "$OUT/ua-events.jsonl"
node --import tsx eval/real/build-gmb-set.ts "$SRC/ner_dataset.csv" "$OUT/gmb-texts.jsonl" --extra "$OUT/gmb-extra.jsonl"
node --import tsx eval/real/build-wikievents-set.ts "$GENARG" "$OUT/wikievents-texts.jsonl"
git status --short eval/real   # the *split.tsv files must not show up as modified
wc -l "$OUT"/*.jsonl           # expect 427, 323, 375, 221, 1648, 587, 990, 247 (and the tuning pools gmb-extra 2058, ucdp-syria-pool N, headline-pool 805)

# 4. GeoNames Ukraine import (expect 36,381 places kept; re-running skips a file imported whole)
env -u DATABASE_URL node bin/dateline.js gazetteer import --data-dir "$GZDIR" "$GEONAMES/UA.txt"
env -u DATABASE_URL node bin/dateline.js gazetteer status --data-dir "$GZDIR"

# 5. Check: dev figures only. NEVER drop --dev-only (held-out printings are rationed).
npm run eval:enrich -- --dev-only --data-dir "$GZDIR"
