// Package lq computes location quotients and the other regional
// specialisation indices applied researchers report beside them.
//
// # Location quotient
//
// For region j, period t, a sector group with employment x_jt and a
// reference (total) employment y_jt,
//
//	LQ_jt = (x_jt / y_jt) / (X_t / Y_t)
//
// where X_t and Y_t are the national totals. By default they are the sums
// over the regions of the sample (X_t = Σ_j x_jt, Y_t = Σ_j y_jt), as in
// Chen's equation (1); Options.National supplies external totals instead
// (e.g. the national yearbook figures when the sample is a subset of
// cities). LQ > 1 means the group is over-represented in the region.
//
// The producer-service groupings of Chen's paper are presets (HighEnd,
// LowEnd, AllProducer) over the five sector keys of the NBS 2019
// classification of producer services.
//
// Cube.Quotients computes the quotient of every sector of a full
// region × sector × period table at once, with the region total taken as
// the sum over the sectors of the table and the national totals over the
// regions: the benchmark case of bench/gen_data.py lq (bandwidth-bound: two
// passes over the table).
//
// FromFrame and CubeFromFrame lay a long lib/frame.Frame (one row per
// region and period) out as panels or a cube; missing cells become NaN and
// are reported by the quotients as ErrMissing with the region and period.
//
// # Other indices (per region and period, over the sectors of a Cube)
//
// With s_js = x_js / Σ_k x_jk the sector shares of region j and
// S_s = Σ_j x_js / Σ_j Σ_k x_jk the national shares:
//
//	Krugman specialisation    KSI_j = Σ_s |s_js − S_s|        (0 … 2)
//	Hirschman-Herfindahl      HHI_j = Σ_s s_js²               (1/K … 1)
//	relative diversity        RDI_j = 1 / Σ_s |s_js − S_s|    (Duranton & Puga 2000)
//
// RDI is +Inf for a region whose structure equals the nation's.
//
// # Errors
//
// Missing cells (NaN), negative or infinite amounts, a zero reference total
// of a region, a zero national total, and a group larger than its total
// (the total must include the group) are errors (ErrMissing, ErrNegative,
// ErrZeroTotal, ErrExceeds) naming the region, sector and period.
//
// # References
//
// Chen, R. "The Impact of Producer Services Agglomeration on Total Factor
// Productivity", equation (1).
// Krugman, P. (1991), Geography and Trade, MIT Press.
// Duranton, G. & Puga, D. (2000), "Diversity and specialisation in cities",
// Urban Studies 37(3), 533–555.
// National Bureau of Statistics of China (2019), Classification of producer
// services (生产性服务业统计分类(2019)).
package lq
