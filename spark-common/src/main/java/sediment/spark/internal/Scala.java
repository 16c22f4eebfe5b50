package sediment.spark.internal;

import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

import java.util.List;

/** Java to Scala 2.12 and back: collections and class tags. Scala 2.13 renames these converters. */
public final class Scala {
    private Scala() {
    }

    public static <T> Seq<T> seq(List<T> list) {
        return JavaConverters.asScalaBufferConverter(list).asScala().toSeq();
    }

    public static <T> List<T> list(Seq<T> seq) {
        return JavaConverters.seqAsJavaList(seq);
    }

    @SuppressWarnings("unchecked")
    public static <T> ClassTag<T> classTag(Class<?> type) {
        return (ClassTag<T>) ClassTag$.MODULE$.apply(type);
    }
}
