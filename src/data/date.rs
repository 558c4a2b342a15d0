//! Partial calendar dates: a year, a year and month, or a full date.

use std::fmt;

use super::text::quote;

/// A date known to a year, a month or a day. Ordered chronologically, with a
/// year-only date before any month of that year and a month before its days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

/// How much of a [`PartialDate`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl PartialDate {
    /// Earliest and latest years accepted: wide enough for any modern relation.
    pub const MIN_YEAR: u16 = 1000;
    pub const MAX_YEAR: u16 = 2999;

    /// Builds a date, checking ranges and the length of the month.
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Result<Self, String> {
        if !(Self::MIN_YEAR..=Self::MAX_YEAR).contains(&year) {
            return Err(format!(
                "year {year} is outside {}-{}",
                Self::MIN_YEAR,
                Self::MAX_YEAR
            ));
        }
        match (month, day) {
            (None, Some(_)) => return Err("a day needs a month".into()),
            (Some(m), _) if !(1..=12).contains(&m) => {
                return Err(format!("month {m} is not between 1 and 12"));
            }
            (Some(m), Some(d)) => {
                let last = days_in_month(year, m);
                if d == 0 || d > last {
                    return Err(format!(
                        "day {d} does not exist in {year}-{m:02} (it has {last} days)"
                    ));
                }
            }
            _ => {}
        }
        Ok(Self { year, month, day })
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (digits only, fixed widths).
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad_shape = || {
            format!(
                "{} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD",
                quote(text)
            )
        };
        let parts: Vec<&str> = text.split('-').collect();
        let widths_ok = match parts.as_slice() {
            [y] => y.len() == 4,
            [y, m] => y.len() == 4 && m.len() == 2,
            [y, m, d] => y.len() == 4 && m.len() == 2 && d.len() == 2,
            _ => false,
        };
        if !widths_ok || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
            return Err(bad_shape());
        }
        // The digits were checked above, so these parses cannot fail; map errors anyway.
        let num = |s: &str| s.parse::<u16>().map_err(|_| bad_shape());
        let year = num(parts[0])?;
        let month = parts.get(1).map(|m| num(m)).transpose()?.map(|m| m as u8);
        let day = parts.get(2).map(|d| num(d)).transpose()?.map(|d| d as u8);
        Self::new(year, month, day).map_err(|why| format!("impossible date {}: {why}", quote(text)))
    }

    pub fn year(&self) -> u16 {
        self.year
    }

    pub fn month(&self) -> Option<u8> {
        self.month
    }

    pub fn day(&self) -> Option<u8> {
        self.day
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// True when the two dates can be the same day: equal as far as the
    /// less precise of them goes (`2014-06` agrees with `2014-06-12`).
    pub fn agrees_with(&self, other: &PartialDate) -> bool {
        let same = |a: Option<u8>, b: Option<u8>| a.is_none() || b.is_none() || a == b;
        self.year == other.year && same(self.month, other.month) && same(self.day, other.day)
    }

    /// Decade this date falls in (1980 for 1985).
    pub fn decade(&self) -> u16 {
        self.year / 10 * 10
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_precisions() {
        let y = PartialDate::parse("1984").unwrap();
        assert_eq!((y.year(), y.month(), y.day()), (1984, None, None));
        assert_eq!(y.precision(), Precision::Year);
        let m = PartialDate::parse("2014-05").unwrap();
        assert_eq!((m.year(), m.month(), m.day()), (2014, Some(5), None));
        assert_eq!(m.precision(), Precision::Month);
        let d = PartialDate::parse("1980-11-18").unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (1980, Some(11), Some(18)));
        assert_eq!(d.to_string(), "1980-11-18");
        assert_eq!(m.to_string(), "2014-05");
        assert_eq!(y.to_string(), "1984");
    }

    #[test]
    fn rejects_impossible_dates_with_a_reason() {
        let err = PartialDate::parse("1980-13-45").unwrap_err();
        assert!(err.contains("month 13"), "{err}");
        let err = PartialDate::parse("2023-02-29").unwrap_err();
        assert!(err.contains("day 29 does not exist in 2023-02"), "{err}");
        assert!(
            PartialDate::parse("2024-02-29").is_ok(),
            "2024 is a leap year"
        );
        assert!(PartialDate::parse("1900-02-29").is_err(), "1900 is not");
        assert!(PartialDate::parse("2000-02-29").is_ok(), "2000 is");
        assert!(PartialDate::parse("2021-04-31").is_err());
        assert!(PartialDate::parse("2021-00").is_err());
        assert!(PartialDate::parse("2021-01-00").is_err());
        assert!(PartialDate::parse("0999").is_err());
    }

    #[test]
    fn rejects_malformed_text() {
        for bad in [
            "",
            "84",
            "1984-1",
            "1984-1-1",
            "19840",
            "1984/05",
            "abcd",
            "1984-05-",
            "-1984",
            "１９８４",
            "1984-05-06-07",
            " 1984",
            "+984",
        ] {
            let err = PartialDate::parse(bad).unwrap_err();
            assert!(err.contains("not a date of the form"), "{bad:?}: {err}");
        }
    }

    #[test]
    fn orders_chronologically_with_coarse_dates_first() {
        let mut dates: Vec<PartialDate> =
            ["2018-09-12", "2018", "2017-12-31", "2018-09", "2018-01"]
                .iter()
                .map(|s| PartialDate::parse(s).unwrap())
                .collect();
        dates.sort();
        let shown: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            ["2017-12-31", "2018", "2018-01", "2018-09", "2018-09-12"]
        );
    }

    #[test]
    fn decade() {
        assert_eq!(PartialDate::parse("1985-02-12").unwrap().decade(), 1980);
        assert_eq!(PartialDate::parse("2020").unwrap().decade(), 2020);
    }
}
