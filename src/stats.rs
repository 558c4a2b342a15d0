//! Figures about the network, computed once from the dataset and shown by
//! both `shenyang-partners stats` and the statistics view.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::data::{
    CountryCode, Dataset, Grade, InstitutionKind, PartialDate, Partner, PartnerKind, PendingStatus,
    Source,
};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub partners: Totals,
    /// Partners per country, most first, then by English name.
    pub by_country: Vec<CountryCount>,
    /// Relations by the decade they began, oldest first.
    pub by_decade: Vec<DecadeCount>,
    /// Relations in place at the end of each year since the first one.
    pub cumulative: Vec<YearTotal>,
    /// Partners without any date.
    pub undated: usize,
    /// What the dataset documents beside the reference official totals.
    pub coverage: CoverageFigures,
    /// Every official statement, oldest first.
    pub official_totals: Vec<OfficialTotalFigures>,
    pub institutions: Vec<InstitutionFigures>,
    /// What the official figures say exists but the dataset cannot name.
    pub unknowns: Unknowns,
    /// How the cited sources are graded.
    pub sources: SourceFigures,
}

/// The known unknowns, and the classifications that cannot add up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unknowns {
    /// Numbered relations no source identifies.
    pub unidentified: Vec<UnidentifiedFigures>,
    /// Cooperative cities in the official total that no record names.
    pub cooperative_unidentified: Option<u32>,
    /// Relations under way (letters of intent, decisions).
    pub pending: Vec<PendingFigures>,
    /// Weak leads that are not relations.
    pub leads: Vec<PendingFigures>,
    /// Documented sister cities beyond the official count: at least this
    /// many sister classifications must be wrong.
    pub sister_excess: u32,
    /// Sister cities whose classification is in doubt.
    pub sister_in_doubt: usize,
    pub conflicts: Vec<ConflictFigures>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnidentifiedFigures {
    pub kind: &'static str,
    pub order: u32,
    pub after: PartialDate,
    pub before: PartialDate,
    /// Partner ids that might fill the number (an inference).
    pub candidates: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PendingFigures {
    pub id: String,
    pub name: String,
    pub country: CountryCode,
    pub status: &'static str,
    pub intended_kind: Option<&'static str>,
    pub date: Option<PartialDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictFigures {
    pub partners: Vec<String>,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceFigures {
    /// Source citations in all records (a URL cited twice counts twice).
    pub cited: usize,
    /// Graded hosts.
    pub hosts: usize,
    /// Citations per grade, best grade first.
    pub by_grade: Vec<GradeCount>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GradeCount {
    pub grade: &'static str,
    pub cited: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub total: usize,
    pub sister: usize,
    pub cooperative: usize,
    pub countries: usize,
    pub with_coordinates: usize,
    /// Events recorded in the dataset.
    pub events: usize,
    /// Timeline rows derived from the partner records (foundings, changes
    /// of kind) and from unidentified numbers.
    pub derived_rows: usize,
    pub institutions: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountryCount {
    pub country: CountryCode,
    pub country_name: String,
    pub country_name_zh: String,
    pub sister: usize,
    pub cooperative: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DecadeCount {
    pub decade: u16,
    pub sister: usize,
    pub cooperative: usize,
    pub total: usize,
    /// Relations begun up to the end of this decade.
    pub cumulative: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearTotal {
    pub year: u16,
    pub total: usize,
}

/// One documented-vs-official comparison; `official` is absent when no
/// statement gives that figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Covered {
    pub documented: usize,
    pub official: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CoverageFigures {
    /// Date of the official statement compared against.
    pub as_of: Option<PartialDate>,
    pub sister: Covered,
    pub cooperative: Covered,
    pub cities: Covered,
    pub countries: Covered,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfficialTotalFigures {
    pub as_of: PartialDate,
    pub sister: Option<u32>,
    pub cooperative: Option<u32>,
    pub cities: Option<u32>,
    pub countries: Option<u32>,
    pub note: Option<String>,
    pub sources: Vec<SourceOut>,
}

/// A cited page and its grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceOut {
    pub url: String,
    pub grade: &'static str,
}

impl SourceOut {
    pub fn list(sources: &[crate::data::Source]) -> Vec<Self> {
        sources
            .iter()
            .map(|s| SourceOut {
                url: s.url.clone(),
                grade: s.grade.as_str(),
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstitutionFigures {
    pub kind: &'static str,
    pub documented: usize,
    /// Of the documented ones, those the official figures cover.
    pub counted: usize,
    pub official: Vec<OfficialFigureOut>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfficialFigureOut {
    pub label: String,
    pub count: u32,
    pub as_of: PartialDate,
}

/// When a relation began: its earliest recorded date (a cooperative tie
/// later upgraded counts from the first agreement).
pub fn began(p: &Partner) -> Option<PartialDate> {
    p.history.iter().map(|h| h.date).chain(p.established).min()
}

impl Stats {
    pub fn compute(data: &Dataset) -> Self {
        let cov = data.coverage();
        let sister = cov.sister;
        let cooperative = cov.cooperative;

        let mut per_country: BTreeMap<CountryCode, (usize, usize)> = BTreeMap::new();
        for p in &data.partners {
            let e = per_country.entry(p.country).or_default();
            match p.kind {
                PartnerKind::Sister => e.0 += 1,
                PartnerKind::Cooperative => e.1 += 1,
            }
        }
        let mut by_country: Vec<CountryCount> = per_country
            .into_iter()
            .map(|(c, (s, co))| CountryCount {
                country: c,
                country_name: data.country_name(c).to_string(),
                country_name_zh: data.country_name_zh(c).to_string(),
                sister: s,
                cooperative: co,
                total: s + co,
            })
            .collect();
        by_country.sort_by(|a, b| {
            b.total
                .cmp(&a.total)
                .then_with(|| a.country_name.cmp(&b.country_name))
        });

        let mut decades: BTreeMap<u16, (usize, usize)> = BTreeMap::new();
        let mut years: BTreeMap<u16, usize> = BTreeMap::new();
        let mut undated = 0;
        for p in &data.partners {
            match began(p) {
                Some(d) => {
                    let e = decades.entry(d.decade()).or_default();
                    match p.kind {
                        PartnerKind::Sister => e.0 += 1,
                        PartnerKind::Cooperative => e.1 += 1,
                    }
                    *years.entry(d.year()).or_default() += 1;
                }
                None => undated += 1,
            }
        }
        let mut running = 0;
        let by_decade = match (decades.keys().next(), decades.keys().last()) {
            (Some(&first), Some(&last)) => (first..=last)
                .step_by(10)
                .map(|decade| {
                    let (s, c) = decades.get(&decade).copied().unwrap_or_default();
                    running += s + c;
                    DecadeCount {
                        decade,
                        sister: s,
                        cooperative: c,
                        total: s + c,
                        cumulative: running,
                    }
                })
                .collect(),
            _ => Vec::new(),
        };
        let mut running = 0;
        let cumulative = match (years.keys().next(), years.keys().last()) {
            (Some(&first), Some(&last)) => (first..=last)
                .map(|year| {
                    running += years.get(&year).copied().unwrap_or(0);
                    YearTotal {
                        year,
                        total: running,
                    }
                })
                .collect(),
            _ => Vec::new(),
        };

        let institutions = InstitutionKind::ALL
            .iter()
            .map(|&k| {
                let c = data.institution_coverage(k);
                InstitutionFigures {
                    kind: k.as_str(),
                    documented: c.documented,
                    counted: c.counted,
                    official: c
                        .official
                        .iter()
                        .map(|f| OfficialFigureOut {
                            label: f.label.clone(),
                            count: f.count,
                            as_of: f.as_of,
                        })
                        .collect(),
                }
            })
            .filter(|f| f.documented > 0 || !f.official.is_empty())
            .collect();

        Stats {
            partners: Totals {
                total: data.partners.len(),
                sister,
                cooperative,
                countries: cov.countries,
                with_coordinates: data
                    .partners
                    .iter()
                    .filter(|p| p.location.is_some())
                    .count(),
                events: data.events.iter().filter(|e| !e.is_derived()).count(),
                derived_rows: data.events.iter().filter(|e| e.is_derived()).count(),
                institutions: data.institutions.len(),
            },
            by_country,
            by_decade,
            cumulative,
            undated,
            coverage: CoverageFigures {
                as_of: cov.as_of,
                sister: Covered {
                    documented: sister,
                    official: cov.official_sister,
                },
                cooperative: Covered {
                    documented: cooperative,
                    official: cov.official_cooperative,
                },
                cities: Covered {
                    documented: cov.cities,
                    official: cov.official_cities,
                },
                countries: Covered {
                    documented: cov.countries,
                    official: cov.official_countries,
                },
            },
            official_totals: data
                .official_totals
                .iter()
                .map(|t| OfficialTotalFigures {
                    as_of: t.as_of,
                    sister: t.sister,
                    cooperative: t.cooperative,
                    cities: t.all_cities(),
                    countries: t.countries,
                    note: t.note.clone(),
                    sources: SourceOut::list(&t.sources),
                })
                .collect(),
            institutions,
            unknowns: unknowns(data),
            sources: source_figures(data),
        }
    }
}

fn unknowns(data: &Dataset) -> Unknowns {
    let cov = data.coverage();
    let id = |&p: &usize| data.partners[p].id.clone();
    let pending = |status: PendingStatus| {
        data.pending
            .iter()
            .filter(|p| p.status == status)
            .map(|p| PendingFigures {
                id: p.id.clone(),
                name: p.name.clone(),
                country: p.country,
                status: p.status.as_str(),
                intended_kind: p.intended_kind.map(PartnerKind::as_str),
                date: p.date,
            })
            .collect()
    };
    Unknowns {
        unidentified: data
            .unidentified
            .iter()
            .map(|u| UnidentifiedFigures {
                kind: u.kind.as_str(),
                order: u.order,
                after: u.after,
                before: u.before,
                candidates: u.candidates.iter().map(id).collect(),
            })
            .collect(),
        cooperative_unidentified: cov
            .official_cooperative
            .map(|o| o.saturating_sub(cov.cooperative as u32)),
        pending: pending(PendingStatus::Intent),
        leads: pending(PendingStatus::Lead),
        sister_excess: cov
            .official_sister
            .map_or(0, |o| (cov.sister as u32).saturating_sub(o)),
        sister_in_doubt: data
            .partners
            .iter()
            .filter(|p| p.kind == PartnerKind::Sister && p.uncertain)
            .count(),
        conflicts: data
            .conflicts
            .iter()
            .map(|c| ConflictFigures {
                partners: c.partners.iter().map(id).collect(),
                summary: c.summary.clone(),
            })
            .collect(),
    }
}

fn source_figures(data: &Dataset) -> SourceFigures {
    let mut by_grade = [0usize; Grade::ALL.len()];
    let mut count = |sources: &[Source]| {
        for s in sources {
            by_grade[s.grade as usize] += 1;
        }
    };
    count(&data.home.sources);
    for t in &data.official_totals {
        count(&t.sources);
    }
    for f in &data.official_institutions {
        count(&f.sources);
    }
    for p in &data.partners {
        count(&p.sources);
    }
    for e in data.events.iter().filter(|e| !e.is_derived()) {
        count(&e.sources);
    }
    for i in &data.institutions {
        count(&i.sources);
    }
    for u in &data.unidentified {
        count(&u.sources);
    }
    for p in &data.pending {
        count(&p.sources);
    }
    for c in &data.conflicts {
        count(&c.sources);
    }
    SourceFigures {
        cited: by_grade.iter().sum(),
        hosts: data.source_hosts.len(),
        by_grade: Grade::ALL
            .iter()
            .map(|&g| GradeCount {
                grade: g.as_str(),
                cited: by_grade[g as usize],
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    #[test]
    fn figures_agree_with_the_records() {
        let data = load_embedded().unwrap();
        let s = Stats::compute(&data);
        assert_eq!(s.partners.total, data.partners.len());
        assert_eq!(s.partners.sister + s.partners.cooperative, s.partners.total);
        assert_eq!(
            s.by_country.iter().map(|c| c.total).sum::<usize>(),
            s.partners.total
        );
        assert_eq!(s.by_country.len(), s.partners.countries);
        assert!(s.by_country.windows(2).all(|w| w[0].total >= w[1].total));
        let dated: usize = s.by_decade.iter().map(|d| d.total).sum();
        assert_eq!(dated + s.undated, s.partners.total);
        assert_eq!(s.by_decade.last().map(|d| d.cumulative), Some(dated));
        assert_eq!(s.cumulative.last().map(|y| y.total), Some(dated));
        assert!(
            s.cumulative
                .windows(2)
                .all(|w| w[0].total <= w[1].total && w[0].year + 1 == w[1].year)
        );
    }

    #[test]
    fn the_embedded_dataset_in_numbers() {
        let data = load_embedded().unwrap();
        let s = Stats::compute(&data);
        assert_eq!((s.partners.sister, s.partners.cooperative), (24, 16));
        assert_eq!(s.partners.countries, 24);
        // Daegu and Sasebo have points now: every partner is on the map.
        assert_eq!(s.partners.with_coordinates, 40);
        assert_eq!((s.partners.events, s.partners.derived_rows), (120, 17));
        assert_eq!(s.coverage.sister.official, Some(23));
        assert_eq!(s.coverage.cooperative.official, Some(77));
        // Sapporo, Kawasaki, Düsseldorf, Turin and Chicago.
        assert_eq!(
            s.by_decade.first().map(|d| (d.decade, d.total)),
            Some((1980, 5))
        );
        assert_eq!(s.cumulative.first().map(|y| y.year), Some(1980));
        // The known unknowns of issue 9.
        let u = &s.unknowns;
        let orders: Vec<u32> = u.unidentified.iter().map(|x| x.order).collect();
        assert_eq!(orders, [7, 9, 20]);
        assert_eq!(u.cooperative_unidentified, Some(77 - 16));
        let pending: Vec<&str> = u.pending.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(pending, ["kursk", "bucheon"]);
        // 24 documented against the official 23, six sister cities in doubt.
        assert_eq!((u.sister_excess, u.sister_in_doubt), (1, 6));
        let jp = s
            .by_country
            .iter()
            .find(|c| c.country.as_str() == "JP")
            .unwrap();
        let jp_records = data
            .partners
            .iter()
            .filter(|p| p.country.as_str() == "JP")
            .count();
        assert_eq!(jp.total, jp_records);
    }

    #[test]
    fn upgraded_relations_count_from_their_first_agreement() {
        let data = load_embedded().unwrap();
        let daejeon = data.partner_by_id("daejeon").unwrap();
        assert_eq!(began(daejeon).map(|d| d.year()), Some(2003));
        let karachi = data.partner_by_id("karachi").unwrap();
        assert_eq!(
            began(karachi).map(|d| d.to_string()),
            Some("2018-08".to_string())
        );
    }
}
