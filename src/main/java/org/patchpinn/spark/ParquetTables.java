package org.patchpinn.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.patchpinn.report.Table;

/**
 * A report table as Parquet: a column whose every value is a number becomes a double column, anything else a
 * string column; headers such as "C (pF)" become Parquet-safe names ("C_pF"), the unit kept in the name.
 */
final class ParquetTables {
    private ParquetTables() {
    }

    static void write(SparkSession spark, Table table, String path) {
        List<String> columns = table.columns();
        List<StructField> fields = new ArrayList<>();
        boolean[] numeric = new boolean[columns.size()];
        List<String> used = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            numeric[c] = true;
            for (int r = 0; r < table.rowCount(); r++) {
                Object v = table.get(r, columns.get(c));
                if (v != null && !(v instanceof Number)) {
                    numeric[c] = false;
                    break;
                }
            }
            String name = safeName(columns.get(c));
            while (used.contains(name)) {
                name = name + "_";
            }
            used.add(name);
            DataType type = numeric[c] ? DataTypes.DoubleType : DataTypes.StringType;
            fields.add(DataTypes.createStructField(name, type, true));
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            Object[] values = new Object[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                Object v = table.get(r, columns.get(c));
                values[c] = v == null ? null : numeric[c] ? ((Number) v).doubleValue() : String.valueOf(v);
            }
            rows.add(RowFactory.create(values));
        }
        spark.createDataFrame(rows, new StructType(fields.toArray(StructField[]::new))).coalesce(1).write()
                .mode(SaveMode.Overwrite).parquet(path);
    }

    /** Parquet (through Spark) refuses " ,;{}()\n\t=" in column names. */
    static String safeName(String header) {
        String s = header.trim().replaceAll("[ ,;{}()\\n\\t=]+", "_").replaceAll("^_+|_+$", "");
        return s.isEmpty() ? "column" : s;
    }
}
