//! Calendar dates for `reviewed` and `next-review`, written as YYYY-MM-DD.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// Parse `YYYY-MM-DD`, checking the day exists in that month.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let error = |problem| DateError {
            text: text.to_string(),
            problem,
        };
        let parts: Vec<&str> = text.trim().split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(error(DateProblem::Form));
        };
        let digits =
            |part: &str, len| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
            return Err(error(DateProblem::Form));
        }
        let (Ok(year), Ok(month), Ok(day)) = (y.parse(), m.parse(), d.parse()) else {
            return Err(error(DateProblem::Form));
        };
        if !(1..=12).contains(&month) {
            return Err(error(DateProblem::Month(month)));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(error(DateProblem::Day { year, month, day }));
        }
        Ok(Date { year, month, day })
    }

    /// Today's date (UTC) from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Date::from_days_since_epoch((secs / 86_400) as i64)
    }

    /// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// "20 November 2026", the NHS style for review dates.
    pub fn long(&self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[self.month as usize - 1],
            self.year
        )
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// Why a text is not a date, with the text as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub text: String,
    pub problem: DateProblem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// Not in the form YYYY-MM-DD.
    Form,
    /// A month outside 01 to 12.
    Month(u8),
    /// A day that month does not have.
    Day { year: i32, month: u8, day: u8 },
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = &self.text;
        match self.problem {
            DateProblem::Form => write!(
                f,
                "`{text}` is not a date; write it as YYYY-MM-DD, e.g. 2026-11-20"
            ),
            DateProblem::Month(month) => {
                write!(f, "`{text}` has month {month}; months run from 01 to 12")
            }
            DateProblem::Day { year, month, day } => write!(
                f,
                "`{text}` has day {day}, but {} {year} has {} days",
                MONTHS[month as usize - 1],
                days_in_month(year, month)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_checks_days() {
        assert_eq!(
            Date::parse("2024-02-29").unwrap().long(),
            "29 February 2024"
        );
        let leap = Date::parse("2023-02-29").unwrap_err();
        assert_eq!(
            leap.problem,
            DateProblem::Day {
                year: 2023,
                month: 2,
                day: 29
            }
        );
        assert!(leap.to_string().contains("February 2023 has 28 days"));
        assert_eq!(
            Date::parse("2026-13-01").unwrap_err().problem,
            DateProblem::Month(13)
        );
        for form in ["20-11-2026", "next year", "2026-1-01", "2026-+1-01"] {
            assert_eq!(Date::parse(form).unwrap_err().problem, DateProblem::Form);
        }
    }

    #[test]
    fn epoch_days_round_trip_known_dates() {
        assert_eq!(Date::from_days_since_epoch(0).iso(), "1970-01-01");
        assert_eq!(Date::from_days_since_epoch(20_517).iso(), "2026-03-05");
        assert_eq!(Date::from_days_since_epoch(19_782).iso(), "2024-02-29");
    }
}
