# %%
reviews = pd.read_csv("reviews.csv")
vec = TfidfVectorizer(min_df=2)
X = vec.fit_transform(reviews["text"])
X_train, X_test, y_train, y_test = train_test_split(X, reviews["stars"] > 3, random_state=0)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
