# %%
df = pd.read_csv("iris.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="species"), df["species"], random_state=0)
for k in [1, 3, 5, 7, 9]:
    model = KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train)
    print(f"k={k}: test accuracy {model.score(X_test, y_test):.3f}")
