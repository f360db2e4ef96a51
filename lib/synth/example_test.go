package synth_test

import (
	"fmt"

	"github.com/econb/econb/lib/citypanel"
	"github.com/econb/econb/lib/synth"
)

func ExampleGenerate() {
	p, err := synth.Generate(synth.Default(), synth.DefaultSeed)
	if err != nil {
		panic(err)
	}
	v, err := citypanel.Build(p.CityPanel(), citypanel.Options{})
	if err != nil {
		panic(err)
	}
	r := p.Records[14] // first city, 2017
	fmt.Printf("%d rows; %s (%s) %d: SAGG high %.3f, true TFP %.3f\n",
		len(p.Records), r.City, r.Region, r.Year, v.SAGGHigh[14], p.TFP[14])
	// Output: 3915 rows; SYN-E001 (east) 2017: SAGG high 0.718, true TFP 1.475
}
