import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';
import ChapterList from '@site/src/components/ChapterList';
import ContinueReading from '@site/src/components/ReadingProgress/ContinueReading';
import styles from './index.module.css';

/** Home page: what the reader builds, the chapter list, a way in. */
export default function Home(): ReactNode {
  return (
    <Layout
      title="Write Juju charms that run Docker containers"
      description="A step-by-step tutorial for Docker users: build a Juju charm layer that runs a container, wire it to a load balancer, then re-compose it with charms.reactive. Every listing is tested.">
      <header className={styles.hero}>
        <div className="container">
          <Heading as="h1" className={styles.heroTitle}>
            Charming with Docker
          </Heading>
          <p className={styles.heroLead}>
            You know Docker. This tutorial shows you how to wrap a container in
            a Juju charm: build it from layers, run nginx in it, report its
            state in <code>juju status</code>, configure it, relate it to a
            load balancer, and finally re-compose it with the reactive
            framework.
          </p>
          <Link className="button button--primary button--lg" to="/docs/before-you-begin">
            Start the tutorial
          </Link>
          <ContinueReading />
        </div>
      </header>
      <main className="container margin-vert--lg">
        <section className={styles.section}>
          <Heading as="h2" id="what-you-build">
            What you will build
          </Heading>
          <p>
            A charm called <code>docker-webapp</code> that runs an nginx
            container serving a static site. It grows one chapter at a time;
            each chapter's finished code is a folder in <code>examples/</code>{' '}
            that the test suite builds and runs on every change, so what you
            copy from a page is what was tested.
          </p>
          <p>
            The examples target <strong>Juju 3.6 LTS</strong> and{' '}
            <strong>charm-tools 3.x</strong> (<code>charm build</code>) or
            charmcraft's reactive plugin. Where Juju 4.0 differs, the chapter
            says so.
          </p>
          <p>
            This layered, reactive style is deprecated for new charms.{' '}
            <Link to="/docs/faq/where-this-fits">Where this tutorial fits in 2026</Link>{' '}
            explains what to use today (ops, charmcraft, Pebble) and what Juju
            4.0 removed; the <Link to="/docs/faq">FAQ</Link> answers Docker
            questions one linkable page at a time.
          </p>
        </section>
        <section className={styles.section}>
          <Heading as="h2" id="chapters">
            Chapters
          </Heading>
          <ChapterList />
        </section>
      </main>
    </Layout>
  );
}
