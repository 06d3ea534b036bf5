//! The check-digit algorithms, named as `validation.checksum.name` names them in
//! jkeen/tracking_number_data (`CHECKSUM_ALGORITHMS.md` there has the reference Ruby).
//!
//! Each function takes the characters the check digit covers (the data's `SerialNumber`
//! group, never the check digit itself) and returns the check digit they call for, or `None`
//! when a character is outside the algorithm's alphabet. Callers compare it with the digit on
//! the label, so a mismatch can say what was expected.

/// The value `mod10` gives a character: a digit is itself, a letter is `(ASCII − 3) mod 10`
/// (A=2, B=3, …), which is how UPS folds the letters of a `1Z` shipper number into the sum.
fn mod10_value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some((u32::from(c) - 3) % 10),
        _ => None,
    }
}

/// `mod10`: multiply characters at even (0-based) positions by `evens` and odd ones by
/// `odds`, counting from the left, or from the right when `reverse`; sum; the check digit
/// brings the sum up to a multiple of 10.
///
/// * UPS (`1Z`, waybill): evens 1, odds 2, left to right.
/// * FedEx Ground 15 and 96: evens 1, odds 3.
/// * GS1 (SSCC, USPS 20/legacy/IMpb): evens 3, odds 1; IMpb N reads it from the right,
///   which for its odd-length serials is the same thing.
pub(crate) fn mod10(seq: &[u8], evens: u32, odds: u32, reverse: bool) -> Option<u8> {
    let mut sum = 0;
    let mut put = |i: usize, c: u8| -> Option<()> {
        let v = mod10_value(c)?;
        sum += v * if i.is_multiple_of(2) { evens } else { odds };
        Some(())
    };
    if reverse {
        for (i, c) in seq.iter().rev().enumerate() {
            put(i, *c)?;
        }
    } else {
        for (i, c) in seq.iter().enumerate() {
            put(i, *c)?;
        }
    }
    Some(((10 - sum % 10) % 10) as u8)
}

/// `mod7` (DHL Express): the digits read as one number, modulo 7. Computed digit by digit so
/// no length overflows.
pub(crate) fn mod7(seq: &[u8]) -> Option<u8> {
    let mut r: u32 = 0;
    for c in seq {
        if !c.is_ascii_digit() {
            return None;
        }
        r = (r * 10 + u32::from(c - b'0')) % 7;
    }
    Some(r as u8)
}

/// `s10` (UPU S10): weights 8,6,4,2,3,5,9,7 over the 8 serial digits, `r = sum mod 11`;
/// check `11 − r`, except that r = 1 gives 0 and r = 0 gives 5.
pub(crate) fn s10(seq: &[u8]) -> Option<u8> {
    const W: [u32; 8] = [8, 6, 4, 2, 3, 5, 9, 7];
    if seq.len() != W.len() {
        return None;
    }
    let mut sum = 0;
    for (c, w) in seq.iter().zip(W) {
        if !c.is_ascii_digit() {
            return None;
        }
        sum += u32::from(c - b'0') * w;
    }
    Some(match sum % 11 {
        0 => 5,
        1 => 0,
        r => (11 - r) as u8,
    })
}

/// `sum_product_with_weightings_and_modulo` (FedEx Express 12/34, ASTRA, Ground GSN):
/// `Σ digit × weight`, then `mod modulo1`, then `mod modulo2`.
pub(crate) fn sum_product(seq: &[u8], weights: &[u32], modulo1: u32, modulo2: u32) -> Option<u8> {
    if seq.len() != weights.len() {
        return None;
    }
    let mut sum = 0;
    for (c, w) in seq.iter().zip(weights) {
        if !c.is_ascii_digit() {
            return None;
        }
        sum += u32::from(c - b'0') * w;
    }
    Some((sum % modulo1 % modulo2) as u8)
}

/// FedEx's 3-1-7 weights over an 11-digit Express serial (FedEx 12, ASTRA 32).
pub(crate) const W317_11: [u32; 11] = [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1];
/// FedEx's 1-7-3 weights over a 13-digit serial (FedEx 34, Ground GSN).
pub(crate) const W173_13: [u32; 13] = [1, 7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1];

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits `n` into (covered characters, check digit) at `from..len-1`.
    fn split(n: &str, from: usize) -> (&[u8], u8) {
        let b = n.as_bytes();
        (&b[from..b.len() - 1], b[b.len() - 1] - b'0')
    }

    /// The number with its last digit changed.
    fn alter_last(n: &str) -> String {
        let mut s = n.to_string();
        let d = s.pop().unwrap().to_digit(10).unwrap();
        s.push(char::from_digit((d + 1) % 10, 10).unwrap());
        s
    }

    fn holds(f: impl Fn(&[u8]) -> Option<u8>, n: &str, from: usize) -> bool {
        let (seq, check) = split(n, from);
        f(seq) == Some(check)
    }

    fn each(f: impl Fn(&[u8]) -> Option<u8>, from: usize, numbers: &[&str]) {
        for n in numbers {
            assert!(holds(&f, n, from), "{n} should validate");
            let bad = alter_last(n);
            assert!(!holds(&f, &bad, from), "{bad} should fail");
        }
    }

    #[test]
    fn ups_1z_mod10_on_the_15_characters_after_1z() {
        let ups = |s: &[u8]| mod10(s, 1, 2, false);
        each(ups, 2, &["1Z5R89390357567127", "1Z879E930346834440", "1Z410E7W0392751591"]);
        // A letter and a digit are different values: 5R… is not 5S….
        assert!(!holds(ups, "1Z5S89390357567127", 2));
    }

    #[test]
    fn ups_waybill_mod10_on_the_9_digits_after_the_letter() {
        each(|s| mod10(s, 1, 2, false), 1, &["K1506235620", "K2479825491", "J4603636537", "V0490119172"]);
    }

    #[test]
    fn fedex_express_12_weights_3_1_7_mod_11_mod_10() {
        each(|s| sum_product(s, &W317_11, 11, 10), 0, &["986578788855", "477179081230", "799531274483"]);
        // A changed first digit (the data set's invalid example).
        assert!(!holds(|s| sum_product(s, &W317_11, 11, 10), "996578788855", 0));
    }

    #[test]
    fn fedex_ground_15_mod10_odds_times_3() {
        each(|s| mod10(s, 1, 3, false), 0, &["041441760228964", "568283610012000"]);
    }

    #[test]
    fn fedex_sscc_20_gs1_over_19() {
        each(|s| mod10(s, 3, 1, false), 0, &["00012345000000000027"]);
    }

    #[test]
    fn fedex_ground_96_mod10_over_the_14_digit_serial_only() {
        let (_, check) = split("9611020987654312345672", 0);
        let serial = &"9611020987654312345672".as_bytes()[7..21];
        assert_eq!(mod10(serial, 1, 3, false), Some(check));
        assert_ne!(mod10(serial, 1, 3, false), Some((check + 1) % 10));
    }

    #[test]
    fn fedex_34_and_gsn_weights_1_7_3_over_the_13_digit_serial() {
        for n in ["1001921334250001000300779017972697", "9622001900000000000000776632517510"] {
            each(|s| sum_product(s, &W173_13, 11, 10), 20, &[n]);
        }
    }

    #[test]
    fn dhl_express_mod7() {
        each(mod7, 0, &["3318810025", "8487135506", "73891051146"]);
    }

    #[test]
    fn usps_20_gs1_from_the_left_over_19() {
        each(|s| mod10(s, 3, 1, false), 0, &["03071790000523483741", "71123456789123456787"]);
    }

    #[test]
    fn usps_impb_gs1_from_the_right() {
        let impb = |s: &[u8]| mod10(s, 3, 1, true);
        each(impb, 0, &["9400111206206406260787"]);
        // With the 420 + ZIP routing prefix, the check digit covers the IMpb serial only.
        each(impb, 8, &["420787459400111206206406260787"]);
    }

    #[test]
    fn upu_s10_weights_and_the_0_and_1_remainders() {
        let n = "RB123456785GB".as_bytes();
        assert_eq!(s10(&n[2..10]), Some(5));
        // All zeros: r = 0, check 5. 6·2 = 12: r = 1, check 0. 9·3 = 27: r = 5, check 6.
        assert_eq!(s10(b"00000000"), Some(5));
        assert_eq!(s10(b"00060000"), Some(0));
        assert_eq!(s10(b"00000030"), Some(6));
    }

    #[test]
    fn non_digits_are_refused_where_the_algorithm_has_no_letters() {
        assert_eq!(mod7(b"12A"), None);
        assert_eq!(s10(b"1234567A"), None);
        assert_eq!(sum_product(b"1234567890A", &W317_11, 11, 10), None);
        assert_eq!(mod10(b"1Z-", 1, 2, false), None);
    }
}
