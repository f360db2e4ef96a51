* regress.do: NIST StRD Longley (certified values: NIST, Longley 1967;
* lib/ivgmm/testdata/nist/certified.json), y on x1-x6 (a variable range).
* Tolerance: 1e-10 relative (lib/ivgmm reaches 13 digits on Longley).
version 16
import delimited longley.csv, clear
regress y x1-x6
assert e(N) == 16
assert abs(_b[x1] / 15.0618722713733 - 1) < 1e-10
assert abs(_b[x2] / -0.035819179292591 - 1) < 1e-10
assert abs(_b[x3] / -2.02022980381683 - 1) < 1e-10
assert abs(_b[x4] / -1.03322686717359 - 1) < 1e-10
assert abs(_b[x5] / -0.0511041056535807 - 1) < 1e-10
assert abs(_b[x6] / 1829.15146461355 - 1) < 1e-10
assert abs(_b[_cons] / -3482258.63459582 - 1) < 1e-10
assert abs(_se[x1] / 84.9149257747669 - 1) < 1e-10
assert abs(_se[x6] / 455.478499142212 - 1) < 1e-10
assert abs(_se[_cons] / 890420.383607373 - 1) < 1e-10
assert abs(e(rmse) / 304.854073561965 - 1) < 1e-10
assert abs(e(r2) / 0.995479004577296 - 1) < 1e-10
assert abs(e(F) / 330.285339234588 - 1) < 1e-10
assert e(df_r) == 9
