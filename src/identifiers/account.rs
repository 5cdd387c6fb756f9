//! [`Cbu`] and [`Cvu`]: the 22-digit account numbers of banks and of payment service providers.

use super::{digits, identifier_impls, IdentifierError};

/// A CBU (Clave Bancaria Uniforme): 22 digits in two blocks, each ending in a check digit — bank
/// (3), branch (4) and check digit; account (13) and check digit.
///
/// ```
/// use apipagos::identifiers::Cbu;
///
/// let cbu: Cbu = "0070005430004105439249".parse().unwrap();
/// assert_eq!(cbu.bank_code(), "007");
/// assert!("0070005430004105439248".parse::<Cbu>().is_err()); // second check digit wrong
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cbu(String);

/// A CVU (Clave Virtual Uniforme), the CBU of a payment service provider's account: same layout
/// and check digits as a [`Cbu`], with an entity code starting `000`.
///
/// ```
/// use apipagos::identifiers::Cvu;
///
/// assert!("0000003100012345678907".parse::<Cvu>().is_ok());
/// assert!("0070005430004105439249".parse::<Cvu>().is_err()); // a bank CBU, not a CVU
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cvu(String);

const FIRST_BLOCK_WEIGHTS: [u32; 7] = [7, 1, 3, 9, 7, 1, 3];
const SECOND_BLOCK_WEIGHTS: [u32; 13] = [3, 9, 7, 1, 3, 9, 7, 1, 3, 9, 7, 1, 3];

impl Cbu {
    /// Validates a CBU (22 digits, both check digits).
    pub fn parse(text: &str) -> Result<Cbu, IdentifierError> {
        let number = account_number(text, "CBU")?;
        if number.starts_with("000") {
            return Err(IdentifierError::Kind(
                "this is a CVU (it starts with 000), not a CBU",
            ));
        }
        Ok(Cbu(number))
    }

    /// The bank's code (first 3 digits).
    pub fn bank_code(&self) -> &str {
        &self.0[..3]
    }

    /// The branch's code (digits 4 to 7).
    pub fn branch_code(&self) -> &str {
        &self.0[3..7]
    }
}

impl Cvu {
    /// Validates a CVU (22 digits starting with 000, both check digits).
    pub fn parse(text: &str) -> Result<Cvu, IdentifierError> {
        let number = account_number(text, "CVU")?;
        if !number.starts_with("000") {
            return Err(IdentifierError::Kind(
                "a CVU starts with 000; this looks like a bank CBU",
            ));
        }
        Ok(Cvu(number))
    }
}

/// 22 digits whose two blocks carry valid check digits.
fn account_number(text: &str, kind: &'static str) -> Result<String, IdentifierError> {
    let digits = digits(text, kind, false)?;
    if digits.len() != 22 {
        return Err(IdentifierError::Length {
            kind,
            expected: 22,
            found: digits.len(),
        });
    }
    if check_digit(&digits[..7], &FIRST_BLOCK_WEIGHTS) != digits[7] {
        return Err(IdentifierError::CheckDigit {
            kind,
            which: Some("first"),
        });
    }
    if check_digit(&digits[8..21], &SECOND_BLOCK_WEIGHTS) != digits[21] {
        return Err(IdentifierError::CheckDigit {
            kind,
            which: Some("second"),
        });
    }
    Ok(digits.iter().map(|d| char::from(b'0' + d)).collect())
}

/// `(10 - Σ digit × weight mod 10) mod 10`.
fn check_digit(block: &[u8], weights: &[u32]) -> u8 {
    let sum: u32 = block
        .iter()
        .zip(weights)
        .map(|(d, w)| u32::from(*d) * w)
        .sum();
    // The value is below 10.
    #[allow(clippy::cast_possible_truncation)]
    let digit = ((10 - sum % 10) % 10) as u8;
    digit
}

identifier_impls!(Cbu);
identifier_impls!(Cvu);
