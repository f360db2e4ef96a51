package lq

import "fmt"

// Sector keys of the five producer-service sectors (NBS 2019 classification,
// as grouped by Chen's paper). lib/citypanel names its employment columns
// "emp_" + key.
const (
	Transport = "transport" // transport, storage and post (交通运输、仓储和邮政业)
	ICT       = "ict"       // information transmission, computer services and software (信息传输、计算机服务和软件业)
	Finance   = "finance"   // finance (金融业)
	Leasing   = "leasing"   // leasing and business services (租赁和商务服务业)
	Research  = "research"  // scientific research, technical services and geological exploration (科学研究、技术服务和地质勘查业)
)

// Group is a named group of sectors whose employment is summed before the
// quotient is taken.
type Group struct {
	Name    string
	Sectors []string
}

// The paper's groupings.
var (
	HighEnd     = Group{Name: "high", Sectors: []string{ICT, Finance, Research}}
	LowEnd      = Group{Name: "low", Sectors: []string{Transport, Leasing}}
	AllProducer = Group{Name: "total", Sectors: []string{Transport, ICT, Finance, Leasing, Research}}
)

// Presets lists the paper's groupings in the order of its Table 1.
func Presets() []Group { return []Group{AllProducer, HighEnd, LowEnd} }

// Preset returns the grouping named "total", "high" or "low".
func Preset(name string) (Group, error) {
	for _, g := range Presets() {
		if g.Name == name {
			return g, nil
		}
	}
	return Group{}, fmt.Errorf("lq: unknown preset %q (want total, high or low)", name)
}

// GroupQuotient sums the panels of the group's sectors, taken from
// sectors by key, and returns their location quotient against total.
func GroupQuotient(g Group, sectors map[string]Panel, total Panel, opt Options) (Panel, error) {
	if len(g.Sectors) == 0 {
		return Panel{}, fmt.Errorf("lq: group %q has no sectors", g.Name)
	}
	var x Panel
	for i, key := range g.Sectors {
		p, ok := sectors[key]
		if !ok {
			return Panel{}, fmt.Errorf("lq: group %q needs sector %q, which is not among the %d sectors given", g.Name, key, len(sectors))
		}
		if err := p.check("sector " + key); err != nil {
			return Panel{}, err
		}
		if i == 0 {
			x = Panel{Regions: p.Regions, Periods: p.Periods, Data: make([]float64, len(p.Data)),
				RegionNames: p.RegionNames, PeriodNames: p.PeriodNames}
		} else if p.Regions != x.Regions || p.Periods != x.Periods {
			return Panel{}, fmt.Errorf("%w: sector %q is %d×%d, sector %q is %d×%d", ErrShape,
				key, p.Regions, p.Periods, g.Sectors[0], x.Regions, x.Periods)
		}
		for j, v := range p.Data {
			if err := checkCell(v); err != nil {
				return Panel{}, fmt.Errorf("%w: sector %q, region %s, period %s (%v)", err, key,
					p.region(j/p.Periods), p.period(j%p.Periods), v)
			}
			x.Data[j] += v
		}
	}
	q, err := Quotient(x, total, opt)
	if err != nil {
		return Panel{}, fmt.Errorf("group %q: %w", g.Name, err)
	}
	return q, nil
}
