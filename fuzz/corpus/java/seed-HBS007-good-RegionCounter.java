package com.example.coprocessor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.regionserver.Region;
import org.apache.hadoop.hbase.regionserver.RegionScanner;

/** Not a client ResultScanner: a RegionScanner inside a coprocessor, closed the server way. */
public class RegionCounter {

    public long count(Region region) throws IOException {
        long rows = 0;
        RegionScanner scanner = region.getScanner(new Scan());
        try {
            List<Cell> cells = new ArrayList<>();
            boolean more;
            do {
                cells.clear();
                more = scanner.next(cells);
                if (!cells.isEmpty()) {
                    rows++;
                }
            } while (more);
        } finally {
            scanner.close();
        }
        return rows;
    }

    public long countUnclosed(Region region) throws IOException {
        return region.getScanner(new Scan()).getMaxResultSize();
    }
}
