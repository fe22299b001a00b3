#!/usr/bin/env python3
"""Seeded test data for bench/surveys.sh (standard library only).

roster:    one county company's customer roster in the unified format (docs/roster-format.md):
           Chinese headers, 10-digit accounts, Chinese names, mobile and landline numbers, the
           demo county QH-LC and its stations, segments 80/11/6/3 % (居民/商业/工业/其他),
           voltage and area classes, some blanks (completeness near 88 %, SV-ROSTER-QUALITY)
           and a few bad rows (0.3 %) so the per-line report has work to do.
responses: a results file (docs/results-format.md): unit_code, segment, weight and the 24
           five-point module items of the standard questionnaire, raw codes 1-5, blank when not
           answered (a module the customer did not use is blank as a whole).

    gen_surveys.py roster    --rows 1000000 --seed 1 --out roster.csv
    gen_surveys.py responses --rows 1000000 --seed 2 --out responses.csv
"""

import argparse
import csv
import random

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红建国建华志强海燕文俊德明春梅小红金凤丹晓东宇浩然欣怡子涵思远"
SHOPS = ["便利店", "超市", "饭店", "五金店", "药房", "理发店", "农家乐", "汽修厂", "茶楼", "服装店"]
FACTORIES = ["机械厂", "砖厂", "食品有限公司", "水泥制品厂", "竹木加工厂", "纺织有限公司", "建材有限公司"]
OTHERS = ["村民委员会", "小学", "卫生院", "自来水站", "敬老院", "派出所"]
MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
                   "157", "158", "159", "166", "177", "180", "181", "182", "186", "187", "188", "189", "191", "199"]

# QH-LC (临川县供电公司, DemoSeed) and its stations, with their towns and share of customers.
UNITS = [("QH-LC", "城关镇", 0.05, "urban"), ("QH-LC-S1", "城关镇", 0.42, "urban"),
         ("QH-LC-S2", "石桥镇", 0.31, "rural"), ("QH-LC-S3", "柳溪乡", 0.22, "rural")]
ROADS = ["解放路", "人民路", "建设路", "新华街", "滨河路", "中山路", "文昌路", "东风路"]
VILLAGES = ["王家村", "李家坪", "石门村", "柳塘村", "新田村", "高桥村", "龙泉村", "山背村"]
SEGMENTS = [("居民", 0.80), ("商业", 0.11), ("工业", 0.06), ("其他", 0.03)]
AREA_ZH = {"urban": "城区", "rural": "农村", "remote": "特殊边远"}


def person(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def customer_name(rng, segment, town):
    if segment == "居民":
        return person(rng)
    if segment == "商业":
        return town + person(rng)[1:] + rng.choice(SHOPS)
    if segment == "工业":
        return "临川县" + rng.choice(SURNAMES) + "氏" + rng.choice(FACTORIES)
    return town + rng.choice(VILLAGES if rng.random() < 0.5 else ["中心"]) + rng.choice(OTHERS)


def phone(rng):
    if rng.random() < 0.06:
        return "0794-" + str(rng.randint(6000000, 8999999))
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(100000000):08d}"[:8]


def roster(rows, seed, out):
    rng = random.Random(seed)
    unit_weights = [u[2] for u in UNITS]
    seg_names = [s[0] for s in SEGMENTS]
    seg_weights = [s[1] for s in SEGMENTS]
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["户号", "户名", "联系电话", "用电地址", "单位编码", "客户类别", "电压等级", "区域类别"])
        for i in range(rows):
            code, town, _, area = rng.choices(UNITS, unit_weights)[0]
            segment = rng.choices(seg_names, seg_weights)[0]
            account = f"{1020000000 + i:010d}"
            if area == "urban":
                address = f"临川县{town}{rng.choice(ROADS)}{rng.randint(1, 399)}号"
            else:
                address = f"临川县{town}{rng.choice(VILLAGES)}{rng.randint(1, 12)}组{rng.randint(1, 80)}号"
            voltage = {"居民": "220V", "商业": "380V", "其他": "380V"}.get(segment) or rng.choice(["10kV", "10kV", "35kV"])
            area_class = AREA_ZH["remote"] if area == "rural" and rng.random() < 0.04 else AREA_ZH[area]
            row = [account, customer_name(rng, segment, town), phone(rng), address, code, segment, voltage, area_class]
            r = rng.random()
            if r < 0.06:
                row[3] = ""  # no address on file
            elif r < 0.10:
                row[6] = ""  # voltage class unknown
            elif r < 0.12:
                row[7] = ""  # area class unknown
            r = rng.random()
            if r < 0.002:
                row[2] = row[2][:-2]  # a digit short: bad phone
            elif r < 0.0025:
                row[1] = ""  # name missing
            elif r < 0.003 and i > 0:
                row[0] = f"{1020000000 + i - 1:010d}"  # the previous account again
            w.writerow(row)


# The 12 stations of the demo company's four counties (DemoSeed.counties).
STATIONS = [f"QH-{c}-S{k}" for c in ("CD", "LC", "BS", "QX") for k in (1, 2, 3)]
MODULES = ["stability", "safety", "billing", "businessHandling", "hall", "hotline95598", "communication",
           "problemHandling"]
# Share of customers who did not use a module (its three items are blank).
UNUSED = {"hall": 0.35, "businessHandling": 0.25, "hotline95598": 0.40, "problemHandling": 0.30}
SEGMENT_CODES = [("residential", 0.80), ("commercial", 0.11), ("industrial", 0.06), ("other", 0.03)]


def responses(rows, seed, out):
    rng = random.Random(seed)
    items = [f"m.{m}.{k}" for m in MODULES for k in (1, 2, 3)]
    # Design weight per station x segment: customers in the stratum / completed interviews.
    weights = {(u, s): round(rng.uniform(15, 400), 4) for u in STATIONS for s, _ in SEGMENT_CODES}
    # Each station's and module's lean, so that the cells differ.
    lean = {u: rng.uniform(-0.5, 0.5) for u in STATIONS}
    module_lean = {m: rng.uniform(-0.4, 0.4) for m in MODULES}
    seg_names = [s[0] for s in SEGMENT_CODES]
    seg_weights = [s[1] for s in SEGMENT_CODES]
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["unit_code", "segment", "weight"] + items)
        for _ in range(rows):
            unit = rng.choice(STATIONS)
            segment = rng.choices(seg_names, seg_weights)[0]
            row = [unit, segment, weights[(unit, segment)]]
            for m in MODULES:
                if rng.random() < UNUSED.get(m, 0.0):
                    row += ["", "", ""]
                    continue
                mu = 4.0 + lean[unit] + module_lean[m]
                for _ in range(3):
                    if rng.random() < 0.02:
                        row.append("")  # not answered
                    else:
                        row.append(min(5, max(1, round(rng.gauss(mu, 0.9)))))
            w.writerow(row)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("kind", choices=["roster", "responses"])
    p.add_argument("--rows", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    (roster if a.kind == "roster" else responses)(a.rows, a.seed, a.out)


if __name__ == "__main__":
    main()
