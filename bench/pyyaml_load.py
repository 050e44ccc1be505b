"""The peer reference for content loading: what a trainer might script.
Loads every .yaml file under the folders given with PyYAML's C loader
(yaml.CSafeLoader over libyaml), building Python objects; prints the
number of files. Usage: python3 bench/pyyaml_load.py DIR..."""
import os
import sys

import yaml

if not getattr(yaml, "__with_libyaml__", False):
    sys.exit("pyyaml_load: PyYAML has no libyaml (CSafeLoader) here")
n = 0
for top in sys.argv[1:]:
    for root, dirs, files in os.walk(top):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".yaml"):
                with open(os.path.join(root, name), "rb") as f:
                    yaml.load(f, Loader=yaml.CSafeLoader)
                n += 1
print(f"{n} files")
